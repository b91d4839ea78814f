/**
 * One Slack fan-out run: `subscriptions` weekly questions due at once in distinct channels of
 * one workspace, delivered by `processes` bot processes on one SQLite file against the fake
 * Slack (latency and limits as given).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { freePort, seedSubscriptions, stopAll, type Bot } from '../../process/bot-processes.js';
import { startBots } from './bots.js';
import { expectedKeys, ratePerSecond, tally, untilDoneOrStalled, type Outcome } from './report.js';
import { refusals, slackLimiter, type SlackLimits } from './slack-limits.js';

export interface SlackScenario {
  readonly subscriptions: number;
  readonly processes: number;
  readonly latencyMs: number;
  readonly limits?: SlackLimits;
  readonly env: Record<string, string>;
  readonly stallMs: number;
  /** SIGKILL the first process this long after the start. */
  readonly killAfterMs?: number;
}

export async function runSlackScenario(scenario: SlackScenario): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'agendabot-fanout-'));
  const slack = await FakeSlack.start();
  let bots: Bot[] = [];
  try {
    let sequence = 0;
    (slack as { nextTs: () => string }).nextTs = () =>
      `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
    slack.latencyMs = scenario.latencyMs;
    if (scenario.limits) slack.limiter = slackLimiter(scenario.limits);
    const databasePath = join(dir, 'bench.db');
    const channels = Array.from({ length: scenario.subscriptions }, (_, i) => `C${String(i + 1).padStart(6, '0')}`);
    const { week } = seedSubscriptions(databasePath, { platform: 'slack', tenantId: slack.teamId, channels });
    const started = Date.now();
    const env = async (): Promise<Record<string, string>> => ({
      DATABASE_PATH: databasePath,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      ...scenario.env,
    });
    const run = await startBots(scenario.processes, env, scenario.killAfterMs);
    bots = run.bots;
    await untilDoneOrStalled(() => slack.messages.length, scenario.subscriptions * 2, scenario.stallMs);
    run.cancel();
    await stopAll(bots);
    bots = [];
    if (process.env['FANOUT_TIMELINE']) printTimeline(slack, started);
    return slackOutcome(slack, scenario.subscriptions, week, started);
  } finally {
    await stopAll(bots);
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function slackOutcome(slack: FakeSlack, subscriptions: number, week: string, started: number): Outcome {
  const posted = slack.messages.map((m) => String(m.metadata?.event_payload['key'] ?? ''));
  const { duplicates, losses } = tally(posted, expectedKeys(subscriptions, week));
  // The window runs from the first to the last chat.postMessage call (as the bench measured before).
  const calls = slack.callsTo('chat.postMessage').map((c) => c.at);
  const { perSecond, last } = ratePerSecond(calls, started);
  return {
    messages: slack.messages.length,
    perSecond: calls.length === 0 ? 0 : (perSecond * slack.messages.length) / calls.length,
    duplicates,
    losses,
    rateLimited: slack.rateLimited,
    lastPostS: (last - started) / 1000,
  };
}

/** `FANOUT_TIMELINE=1`: messages per second of the run, to see ramp-up, plateaus and stalls. */
function printTimeline(slack: FakeSlack, started: number): void {
  const buckets = new Map<number, number>();
  for (const m of slack.messages) {
    const s = Number(String(m.ts).split('.')[0]) - Math.floor(started / 1000);
    buckets.set(s, (buckets.get(s) ?? 0) + 1);
  }
  const line = [...buckets].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`);
  process.stdout.write(`${line.join(' ')}\n429s by limit: ${JSON.stringify(refusals)}\n`);
}
