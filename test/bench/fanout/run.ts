/**
 * Fan-out bench (issue 12): weekly questions due at once in distinct channels, delivered by 1 and
 * by 3 real bot processes (`node --import tsx src/main.ts`) sharing one SQLite file, against the
 * fake Slack and the fake Discord with 50 ms latency per call and limits as parameters (see
 * `slack-limits.ts`, `discord-limits.ts`). Prints, per run: messages per second against the
 * rate the fake allows, requests per second (Discord), duplicates, losses, 429s received, and
 * the time until the last post. Also: a Slack run with one of 3 processes SIGKILLed midway, and
 * runs where latency, not a limit, is the bottleneck (few deliveries in flight per process).
 *
 * `npx tsx test/bench/fanout/run.ts --help` lists the sizes.
 */
import { pathToFileURL } from 'node:url';
import { runDiscordScenario } from './discord-scenario.js';
import { printTable, row } from './report.js';
import type { SlackLimits } from './slack-limits.js';
import { runSlackScenario } from './slack-scenario.js';

export interface FanoutOptions {
  /** Slack channel subscriptions in the rate-bound runs (default 5,000; 0 skips them). */
  readonly slack?: number;
  /** Discord channel subscriptions (default 1,000; 0 skips them). */
  readonly discord?: number;
  /** Subscriptions in the latency-bound runs (default 150; 0 skips them). */
  readonly latencyBound?: number;
  /** Subscriptions in the Slack run with a process killed (default 1,000; 0 skips it). */
  readonly kill?: number;
  readonly processes?: readonly number[];
  readonly latencyMs?: number;
  readonly limits?: SlackLimits;
  /** Discord's global requests per second (default 50). */
  readonly discordPerSecond?: number;
  /** Give up on a run after this long without a new message (default 60 s). */
  readonly stallMs?: number;
}

/** A Discord channel post with its thread is three requests and two messages. */
const DISCORD_MESSAGES_PER_REQUEST = 2 / 3;

export async function run(options: FanoutOptions = {}): Promise<void> {
  const processes = options.processes ?? [1, 3];
  const latencyMs = options.latencyMs ?? 50;
  const stallMs = options.stallMs ?? 60_000;
  const rows: string[][] = [];
  const limits = options.limits ?? { channelPerSecond: 1, workspacePerSecond: 100 };
  const slack = options.slack ?? 5000;
  for (const n of slack > 0 ? processes : []) {
    const env = { SLACK_POSTS_PER_SECOND: String(limits.workspacePerSecond / n) };
    const outcome = await runSlackScenario({ subscriptions: slack, processes: n, latencyMs, limits, env, stallMs });
    rows.push(row(`Slack, ${slack} channels`, n, outcome, limits.workspacePerSecond));
  }
  const kill = options.kill ?? 1000;
  if (kill > 0) {
    // A short lease, so the killed process's claims are taken over within the run.
    const env = { SLACK_POSTS_PER_SECOND: String(limits.workspacePerSecond / 3), DELIVERY_LEASE_SECONDS: '15' };
    const scenario = { subscriptions: kill, processes: 3, latencyMs, limits, env, stallMs, killAfterMs: 5000 };
    const outcome = await runSlackScenario(scenario);
    rows.push(row(`Slack, ${kill} channels, one killed at 5 s`, 3, outcome, limits.workspacePerSecond));
  }
  const discord = options.discord ?? 1000;
  const perSecond = options.discordPerSecond ?? 50;
  for (const n of discord > 0 ? processes : []) {
    const outcome = await runDiscordScenario({ subscriptions: discord, processes: n, latencyMs, perSecond, stallMs });
    rows.push(row(`Discord, ${discord} channels`, n, outcome, perSecond * DISCORD_MESSAGES_PER_REQUEST));
  }
  const latencyBound = options.latencyBound ?? 150;
  for (const n of latencyBound > 0 ? processes : []) {
    const env = { DELIVERY_CONCURRENCY: '4', SLACK_POSTS_PER_SECOND: '10000' };
    const scenario = { subscriptions: latencyBound, processes: n, latencyMs: 200, env, stallMs };
    rows.push(
      row(
        `latency-bound: ${latencyBound} channels, 200 ms, 4 in flight`,
        n,
        await runSlackScenario(scenario),
        undefined,
      ),
    );
  }
  printTable('Fan-out: real bot processes on one SQLite file (message rate = first to last post)', rows);
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const HELP = `Fan-out bench: due weekly questions in distinct channels, 1 and 3 bot processes on one SQLite file.
  --slack N             Slack channel subscriptions in the rate-bound runs (default 5000; 0 skips)
  --discord N           Discord channel subscriptions (default 1000; 0 skips)
  --kill N              Slack subscriptions in the run with one of 3 processes killed (default 1000; 0 skips)
  --latency-bound N     subscriptions in the latency-bound runs (default 150; 0 skips)
  --processes 1,3       process counts to run
Fake Slack: 50 ms latency, 1 message/s per channel, 100/s per workspace (ours: Slack publishes none).
Fake Discord: 50 ms latency, 50 requests/s globally (429 with retry_after and X-RateLimit-Global past it);
each process gets DISCORD_REQUESTS_PER_SECOND = 50 / processes.
FANOUT_TIMELINE=1 prints Slack messages per second; BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the bots.
`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--help')) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const sizes = ['slack', 'discord', 'kill', 'latency-bound'] as const;
  const given = Object.fromEntries(sizes.map((name) => [name, flag(name)]));
  const processes = flag('processes');
  await run({
    ...(given['slack'] !== undefined ? { slack: Number(given['slack']) } : {}),
    ...(given['discord'] !== undefined ? { discord: Number(given['discord']) } : {}),
    ...(given['kill'] !== undefined ? { kill: Number(given['kill']) } : {}),
    ...(given['latency-bound'] !== undefined ? { latencyBound: Number(given['latency-bound']) } : {}),
    ...(processes !== undefined ? { processes: processes.split(',').map(Number) } : {}),
  });
}
