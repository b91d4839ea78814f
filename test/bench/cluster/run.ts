/**
 * Cluster bench (issue 16): the whole bot as `npm run cluster` starts it (PostgreSQL, the Discord REST proxy,
 * web and worker processes, each a real process) against the fake Slack (three workspaces in OAuth mode) and
 * the fake Discord (HTTP interactions; 50 requests/s enforced with 429s), 100 ms per call. Slack and Discord
 * subscriptions are all due at one instant; with several workers, one is SIGKILLed 5 s in; signed commands go
 * to the web processes during the burst. Prints per run: messages and rates, duplicates and losses, Discord's
 * sustained request rate and global 429s, and command latency; then Slack's rate with the most workers
 * against the fewest.
 *
 * `npm run bench -- cluster --slack=500 --discord=100` for a quick run; `--help` lists the sizes.
 */
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ClusterChild } from '../../../src/cli/cluster/child.js';
import { runCluster } from '../../../src/cli/cluster/launch.js';
import { postgresBinDir, startThrowawayPostgres } from '../../../src/cli/cluster/postgres-server.js';
import { untilDoneOrStalled } from '../fanout/report.js';
import { sendCommands } from './commands.js';
import { outcomeOf, printOutcomes, type ClusterOutcome } from './outcome.js';
import { discordChannel, seedDatabase } from './seed.js';
import { startWorld } from './world.js';

export interface ClusterBenchOptions {
  readonly slack: number;
  readonly discord: number;
  readonly commands: number;
  /** One run per count; the run with more than one worker has one killed. */
  readonly workers: readonly number[];
  readonly web: number;
  readonly latencyMs: number;
  readonly killAfterMs: number;
  /** Deliveries in flight per worker: low enough that one worker is bound by latency, not by CPU. */
  readonly concurrency: number;
  readonly stallMs: number;
}

export const DEFAULTS: ClusterBenchOptions = {
  slack: 5000,
  discord: 1000,
  commands: 200,
  workers: [1, 3],
  web: 1,
  latencyMs: 100,
  killAfterMs: 5000,
  concurrency: 32,
  stallMs: 60_000,
};

const WORKSPACE_PER_SECOND = 100;
const FIRST_POST_WITHIN_MS = 300_000;

export async function run(options: ClusterBenchOptions = DEFAULTS): Promise<void> {
  const bin = postgresBinDir();
  if (bin === undefined) {
    process.stdout.write('\nCluster bench: PostgreSQL is not installed (/usr/lib/postgresql/*/bin); skipped.\n');
    return;
  }
  const server = await startThrowawayPostgres(bin);
  const outcomes: ClusterOutcome[] = [];
  try {
    for (const workers of options.workers) outcomes.push(await runOnce(server.adminUrl, workers, options));
  } finally {
    server.stop();
  }
  printOutcomes(
    `Cluster: ${options.slack} Slack (3 workspaces) and ${options.discord} Discord subscriptions due at once, ` +
      `${options.latencyMs} ms per call, ${options.commands} signed commands to ${options.web} web process(es), ` +
      `${options.concurrency} deliveries in flight per worker; with several workers, one SIGKILLed at ` +
      `${options.killAfterMs / 1000} s`,
    outcomes,
  );
  const fewest = outcomes[0];
  const most = outcomes.at(-1);
  if (fewest && most && most !== fewest && fewest.slackPerSecond > 0)
    process.stdout.write(
      `Slack msg/s, ${most.workers} workers against ${fewest.workers}: ` +
        `${(most.slackPerSecond / fewest.slackPerSecond).toFixed(2)}×\n`,
    );
}

async function runOnce(adminUrl: string, workers: number, options: ClusterBenchOptions): Promise<ClusterOutcome> {
  const name = `cluster_${workers}_${Date.now()}`;
  const seeded = await seedDatabase(adminUrl, name, options.slack, options.discord);
  const perWorker = (WORKSPACE_PER_SECOND / workers).toFixed(2);
  const world = await startWorld(
    { latencyMs: options.latencyMs, workspacePerSecond: WORKSPACE_PER_SECOND, discordPerSecond: 50 },
    {
      DATABASE_URL: seeded.url,
      DELIVERY_CONCURRENCY: String(options.concurrency),
      DELIVERY_LEASE_SECONDS: '15',
      SLACK_POSTS_PER_SECOND: perWorker,
    },
  );
  for (let i = 0; i < options.discord; i += 1) world.discord.records.extraChannels.add(discordChannel(i));
  const output: string[] = [];
  let stop = (): void => {};
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  let onReady = (_children: readonly ClusterChild[]): void => {};
  const ready = new Promise<readonly ClusterChild[]>((resolve) => (onReady = resolve));
  // CLUSTER_BENCH_LOG=<file>: every process's output, for a run that stalls.
  const logFile = process.env['CLUSTER_BENCH_LOG'];
  const keep = (text: string): void => {
    output.push(text);
    if (logFile !== undefined) appendFileSync(logFile, `${new Date().toISOString()} ${text}`);
  };
  const cluster = runCluster(['--web', String(options.web), '--workers', String(workers)], {
    env: world.env,
    out: keep,
    err: keep,
    stopRequested,
    onReady,
  });
  try {
    const children = await Promise.race([ready, cluster.then(() => failed(output))]);
    const started = Date.now();
    const killed = workers > 1 ? killLater(children, options.killAfterMs) : undefined;
    const webPorts = children.filter((c) => c.spec.name.startsWith('web-')).map((c) => c.spec.port);
    const commands = sendCommands(world, webPorts, options.commands, 20_000);
    const expected = 2 * (options.slack + options.discord);
    const posted = (): number => world.slack.messages.length + world.discord.records.messages.length;
    // Planning thousands of due subscriptions comes first: the stall clock starts at the first post.
    await untilDoneOrStalled(() => Math.min(posted(), 1), 1, FIRST_POST_WITHIN_MS);
    await untilDoneOrStalled(posted, expected, options.stallMs);
    if (posted() < expected)
      process.stdout.write(
        `\nstalled at ${posted()} of ${expected} posts; last output:\n${output.slice(-20).join('')}`,
      );
    const answered = await commands;
    clearTimeout(killed);
    const label = workers > 1 ? `${workers} workers, one killed` : `${workers} worker`;
    return outcomeOf(label, workers, world, seeded, answered, started);
  } finally {
    stop();
    await cluster;
    await world.close();
  }
}

function killLater(children: readonly ClusterChild[], afterMs: number): NodeJS.Timeout {
  return setTimeout(() => children.find((c) => c.spec.name === 'worker-1')?.process.kill('SIGKILL'), afterMs);
}

function failed(output: readonly string[]): never {
  throw new Error(`the cluster did not start:\n${output.slice(-40).join('')}`);
}

const HELP = `Cluster bench: npm run bench -- cluster [--slack=5000] [--discord=1000] [--commands=200]
  [--workers=1,3] [--web=1] [--latency=100] [--killAfter=5000] [--concurrency=32] [--stall=60000]
`;

/** `--key=value` flags, as \`npm run bench\` passes them. */
export function optionsFrom(argv: readonly string[]): ClusterBenchOptions {
  const values = new Map(
    argv.flatMap((arg) => {
      const match = /^--([a-zA-Z]+)=(.*)$/u.exec(arg);
      return match ? [[match[1] ?? '', match[2] ?? ''] as const] : [];
    }),
  );
  const number = (key: string, fallback: number): number => {
    const value = Number(values.get(key) ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${key} must be a whole number`);
    return value;
  };
  return {
    slack: number('slack', DEFAULTS.slack),
    discord: number('discord', DEFAULTS.discord),
    commands: number('commands', DEFAULTS.commands),
    workers: (values.get('workers') ?? DEFAULTS.workers.join(',')).split(',').map(Number),
    web: number('web', DEFAULTS.web),
    latencyMs: number('latency', DEFAULTS.latencyMs),
    killAfterMs: number('killAfter', DEFAULTS.killAfterMs),
    concurrency: number('concurrency', DEFAULTS.concurrency),
    stallMs: number('stall', DEFAULTS.stallMs),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--help')) process.stdout.write(HELP);
  else await run(optionsFrom(process.argv.slice(2)));
}
