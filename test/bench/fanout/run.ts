/**
 * Fan-out bench (issue 12): weekly questions due at once in distinct Slack channels, delivered by
 * 1 and by 3 real bot processes (`tsx src/main.ts`) sharing one SQLite file, against the fake
 * Slack with 50 ms latency per call and limits as parameters (see `slack-limits.ts`). Prints, per
 * run: messages per second against the rate the fake allows, duplicates, losses, 429s received,
 * and the time until the last post. A second table runs where latency, not a limit, is the
 * bottleneck (few deliveries in flight per process, no workspace limit).
 *
 * `npx tsx test/bench/fanout/run.ts [--slack 5000] [--latency-bound 150] [--processes 1,3]`
 * Diagnostics: `FANOUT_TIMELINE=1` prints messages per second of the run; `BOT_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof"` profiles the bot processes (see `bot-processes.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { freePort, seedSubscriptions, startBot, stopAll, type Bot } from '../../process/bot-processes.js';
import { slackLimiter, type SlackLimits } from './slack-limits.js';

export interface FanoutOptions {
  /** Slack channel subscriptions in the rate-bound runs (default 5,000). */
  readonly slack?: number;
  /** Subscriptions in the latency-bound runs (default 150; 0 skips them). */
  readonly latencyBound?: number;
  readonly processes?: readonly number[];
  readonly latencyMs?: number;
  readonly limits?: SlackLimits;
  /** Give up on a run after this long without a new message (default 60 s). */
  readonly stallMs?: number;
}

interface Scenario {
  readonly subscriptions: number;
  readonly processes: number;
  readonly latencyMs: number;
  readonly limits?: SlackLimits;
  readonly env: Record<string, string>;
  readonly stallMs: number;
}

interface Outcome {
  readonly messages: number;
  readonly perSecond: number;
  readonly duplicates: number;
  readonly losses: number;
  readonly rateLimited: number;
  readonly lastPostS: number;
}

export async function run(options: FanoutOptions = {}): Promise<void> {
  const processes = options.processes ?? [1, 3];
  const limits = options.limits ?? { channelPerSecond: 1, workspacePerSecond: 100 };
  const latencyMs = options.latencyMs ?? 50;
  const stallMs = options.stallMs ?? 60_000;
  const slack = options.slack ?? 5000;
  const rows: string[][] = [];
  for (const n of processes) {
    const env = { SLACK_POSTS_PER_SECOND: String(limits.workspacePerSecond / n) };
    const outcome = await runScenario({ subscriptions: slack, processes: n, latencyMs, limits, env, stallMs });
    rows.push(row(`Slack, ${slack} channels`, n, outcome, limits.workspacePerSecond));
  }
  const latencyBound = options.latencyBound ?? 150;
  if (latencyBound > 0) {
    for (const n of processes) {
      const env = { DELIVERY_CONCURRENCY: '4', SLACK_POSTS_PER_SECOND: '10000' };
      const outcome = await runScenario({ subscriptions: latencyBound, processes: n, latencyMs: 200, env, stallMs });
      rows.push(row(`latency-bound: ${latencyBound} channels, 200 ms, 4 in flight`, n, outcome, undefined));
    }
  }
  printTable(
    [
      'scenario',
      'processes',
      'messages',
      'msg/s',
      'allowed/s',
      'ratio',
      'duplicates',
      'losses',
      '429s',
      'last post (s)',
    ],
    rows,
  );
}

function row(name: string, processes: number, o: Outcome, allowed: number | undefined): string[] {
  const ratio = allowed === undefined ? '-' : (o.perSecond / allowed).toFixed(2);
  return [
    name,
    String(processes),
    String(o.messages),
    o.perSecond.toFixed(1),
    allowed === undefined ? '-' : String(allowed),
    ratio,
    String(o.duplicates),
    String(o.losses),
    String(o.rateLimited),
    o.lastPostS.toFixed(1),
  ];
}

async function runScenario(scenario: Scenario): Promise<Outcome> {
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
    for (let i = 0; i < scenario.processes; i += 1) {
      bots.push(
        startBot({
          DATABASE_PATH: databasePath,
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: 'bench-secret',
          SLACK_API_URL: slack.apiUrl,
          PORT: String(await freePort()),
          SWEEP_EVERY_SECONDS: '5',
          LOG_LEVEL: 'warn',
          ...scenario.env,
          ...(process.env['FANOUT_NODE_OPTIONS'] ? { NODE_OPTIONS: process.env['FANOUT_NODE_OPTIONS'] } : {}),
        }),
      );
    }
    const expected = scenario.subscriptions * 2;
    await untilDoneOrStalled(slack, expected, scenario.stallMs);
    if (process.env['FANOUT_TIMELINE']) printTimeline(slack, started);
    await stopAll(bots);
    bots = [];
    return outcome(slack, scenario, week, started);
  } finally {
    await stopAll(bots);
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function untilDoneOrStalled(slack: FakeSlack, expected: number, stallMs: number): Promise<void> {
  let last = slack.messages.length;
  let lastChange = Date.now();
  while (slack.messages.length < expected && Date.now() - lastChange < stallMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (slack.messages.length !== last) {
      last = slack.messages.length;
      lastChange = Date.now();
    }
  }
}

function outcome(slack: FakeSlack, scenario: Scenario, week: string, started: number): Outcome {
  const counts = new Map<string, number>();
  for (const m of slack.messages) {
    const key = String(m.metadata?.event_payload['key'] ?? '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let losses = 0;
  for (let id = 1; id <= scenario.subscriptions; id += 1) {
    for (const key of [`digest:${id}:${week}`, `digest:${id}:${week}:thread`]) if (!counts.has(key)) losses += 1;
  }
  const duplicates = [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const accepted = slack.callsTo('chat.postMessage').map((c) => c.at);
  const times = slack.messages.length > 0 ? accepted : [started];
  const first = Math.min(...times.slice(0, 1000));
  const last = Math.max(...times);
  const windowS = Math.max(0.001, (last - first) / 1000);
  return {
    messages: slack.messages.length,
    perSecond: slack.messages.length / windowS,
    duplicates,
    losses,
    rateLimited: slack.rateLimited,
    lastPostS: (last - started) / 1000,
  };
}

function printTimeline(slack: FakeSlack, started: number): void {
  const buckets = new Map<number, number>();
  for (const m of slack.messages) {
    const s = Number(String(m.ts).split('.')[0]) - Math.floor(started / 1000);
    buckets.set(s, (buckets.get(s) ?? 0) + 1);
  }
  process.stdout.write(
    `${[...buckets]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}:${n}`)
      .join(' ')}\n`,
  );
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  process.stdout.write(
    `\nFan-out: real bot processes on one SQLite file, fake Slack (message rate = first to last post)\n`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const HELP = `Fan-out bench: due weekly questions in distinct Slack channels, 1 and 3 bot processes on one file.
  --slack N             Slack channel subscriptions in the rate-bound runs (default 5000)
  --latency-bound N     subscriptions in the latency-bound runs (default 150; 0 skips them)
  --processes 1,3       process counts to run
Fake Slack: 50 ms latency, 1 message/s per channel, 100/s per workspace (ours: Slack publishes none).
FANOUT_TIMELINE=1 prints messages per second; BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the bots.
`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--help')) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const slack = flag('slack');
  const latencyBound = flag('latency-bound');
  const processes = flag('processes');
  await run({
    ...(slack !== undefined ? { slack: Number(slack) } : {}),
    ...(latencyBound !== undefined ? { latencyBound: Number(latencyBound) } : {}),
    ...(processes !== undefined ? { processes: processes.split(',').map(Number) } : {}),
  });
}
