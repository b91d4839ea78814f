/**
 * Fan-out on PostgreSQL (issue 15): weekly questions due at once in distinct Slack channels, delivered by real
 * bot processes (`src/main.ts`) sharing one database, against the fake Slack with a set latency per call and no
 * rate limit, so the store and the processes, not a limit, bound the rate. The same runs on one SQLite file give
 * the comparison, and one run per backend SIGKILLs one of 3 processes midway (its claims are taken over after
 * their lease). Prints messages per second (first to last post), duplicates, losses, the CPU used in that window,
 * and the commits the PostgreSQL database counted.
 *
 * `npm run bench -- fanout-postgres`, or with its own sizes
 * `npx tsx test/bench/fanout-postgres.ts [--subscriptions=1000] [--latency=50] [--kill-after=5000]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { commitsOf, cpuMeter, postmasterPid } from './fanout/run-meters.js';
import { previousMinute, seedPostgresSubscriptions } from '../helpers/due-subscriptions.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { postgresBinDir, startTestServer, type TestServer } from '../helpers/postgres-server.js';
import { freePort, seedSubscriptions, startBot, stopAll, type Bot } from '../process/bot-processes.js';

export interface PostgresFanoutOptions {
  readonly subscriptions?: number;
  readonly latencyMs?: number;
  readonly killAfterMs?: number;
  /** Give up on a run after this long without a new message. */
  readonly stallMs?: number;
}

interface Run {
  readonly backend: 'sqlite' | 'postgres';
  readonly processes: number;
  readonly kill: boolean;
}

interface Outcome {
  readonly messages: number;
  readonly perSecond: number;
  readonly duplicates: number;
  readonly losses: number;
  readonly seconds: number;
  /** CPU seconds used between the first post and the last: by the bot processes, and by the database server. */
  readonly botCpu: number;
  readonly serverCpu: number | undefined;
  /** Transactions the run's PostgreSQL database committed (each statement outside a transaction is one). */
  readonly commits: number | undefined;
}

/** Where a run's database lives: a fresh PostgreSQL database or SQLite file, seeded with due subscriptions. */
async function seededDatabase(run: Run, server: TestServer | undefined, teamId: string, n: number, dir: string) {
  const due = previousMinute();
  const channels = Array.from({ length: n }, (_, i) => `C${String(i + 1).padStart(6, '0')}`);
  if (run.backend === 'sqlite') {
    const databasePath = join(dir, `${run.processes}-${String(run.kill)}.db`);
    const { week } = seedSubscriptions(databasePath, { platform: 'slack', tenantId: teamId, channels, due });
    return { env: { DATABASE_PATH: databasePath }, week, database: undefined };
  }
  if (!server) throw new Error('no PostgreSQL server');
  const name = `fanout_${run.processes}_${String(run.kill)}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  const targets = channels.map((channelId) => ({ platform: 'slack' as const, tenantId: teamId, channelId }));
  const { week } = await seedPostgresSubscriptions(url.toString(), targets, due);
  return { env: { DATABASE_URL: url.toString() }, week, database: name };
}

/** The durability settings the bench runs PostgreSQL with: the server's defaults, as in production. */
const DURABLE = ['fsync=on', 'synchronous_commit=on', 'full_page_writes=on'];

/**
 * The test server runs without fsync (its data dies with the test run). SQLite here commits each attempt with
 * an fsync (`synchronous = FULL`), so a PostgreSQL that never syncs would be compared unfairly: the bench
 * restarts the server with PostgreSQL's own defaults. `fsync` needs a restart; a command-line `-c` outranks
 * `ALTER SYSTEM`, so the server's options are given again with these settings last.
 */
async function restartDurable(server: TestServer, bin: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const show = async (name: string): Promise<string> =>
    String((await admin.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name]);
  const [data, port, socket] = [
    await show('data_directory'),
    await show('port'),
    await show('unix_socket_directories'),
  ];
  await admin.end();
  const options = [`-c listen_addresses=127.0.0.1`, `-p ${port}`, `-k ${socket}`, '-c max_connections=200']
    .concat(DURABLE.map((setting) => `-c ${setting}`))
    .join(' ');
  const args = ['-D', data, '-o', options, '-m', 'fast', '-w', 'restart'];
  const asRoot = process.getuid?.() === 0;
  const [file, fullArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]]
    : [join(bin, 'pg_ctl'), args];
  execFileSync(file, fullArgs, { stdio: ['ignore', 'ignore', 'pipe'], cwd: socket });
}

/** `onChange` runs at every 100 ms poll that finds more messages than the one before. */
async function untilDoneOrStalled(count: () => number, target: number, stallMs: number, onChange: () => void) {
  let last = count();
  let lastChange = Date.now();
  while (count() < target) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (count() !== last) {
      last = count();
      lastChange = Date.now();
      onChange();
    } else if (Date.now() - lastChange > stallMs) return;
  }
}

async function runOnce(run: Run, server: TestServer | undefined, options: Required<PostgresFanoutOptions>) {
  const dir = mkdtempSync(join(tmpdir(), 'agendabot-fanout-pg-'));
  const slack = await FakeSlack.start();
  let bots: Bot[] = [];
  try {
    let sequence = 0;
    (slack as { nextTs: () => string }).nextTs = () =>
      `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
    slack.latencyMs = options.latencyMs;
    const n = options.subscriptions;
    const { env, week, database } = await seededDatabase(run, server, slack.teamId, n, dir);
    const commitsBefore = server && database ? await commitsOf(server, database) : undefined;
    const started = Date.now();
    for (let i = 0; i < run.processes; i += 1) {
      bots.push(
        startBot({
          ...env,
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: 'bench-secret',
          SLACK_API_URL: slack.apiUrl,
          PORT: String(await freePort()),
          SWEEP_EVERY_SECONDS: '5',
          LOG_LEVEL: 'warn',
          SLACK_POSTS_PER_SECOND: '1000',
          DELIVERY_LEASE_SECONDS: '15',
        }),
      );
    }
    const timer = run.kill ? setTimeout(() => bots[0]?.child.kill('SIGKILL'), options.killAfterMs) : undefined;
    const cpu = cpuMeter(bots, run.backend === 'postgres' && server ? await postmasterPid(server) : undefined);
    let window: { first?: ReturnType<typeof cpu>; last?: ReturnType<typeof cpu> } = {};
    await untilDoneOrStalled(
      () => slack.messages.length,
      2 * n,
      options.stallMs,
      () => {
        const reading = cpu();
        window = { first: window.first ?? reading, last: reading };
      },
    );
    clearTimeout(timer);
    await stopAll(bots);
    bots = [];
    const commits =
      server && database && commitsBefore !== undefined
        ? (await commitsOf(server, database)) - commitsBefore
        : undefined;
    const { first, last } = window;
    const used = {
      botCpu: (last?.bots ?? 0) - (first?.bots ?? 0),
      serverCpu: last?.server === undefined ? undefined : last.server - (first?.server ?? 0),
    };
    return { ...outcome(slack, n, week, started), ...used, commits };
  } finally {
    await stopAll(bots);
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function outcome(
  slack: FakeSlack,
  n: number,
  week: string,
  started: number,
): Omit<Outcome, 'botCpu' | 'serverCpu' | 'commits'> {
  const counts = new Map<string, number>();
  for (const m of slack.messages) {
    const key = String(m.metadata?.event_payload['key'] ?? '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const expected = Array.from({ length: n }, (_, i) => [`digest:${i + 1}:${week}`, `digest:${i + 1}:${week}:thread`]);
  const keys = expected.flat();
  const duplicates = keys.reduce((sum, key) => sum + Math.max(0, (counts.get(key) ?? 0) - 1), 0);
  const losses = keys.filter((key) => !counts.has(key)).length;
  const times = slack.callsTo('chat.postMessage').map((c) => c.at);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const perSecond = times.length > 1 ? (slack.messages.length / (last - first)) * 1000 : 0;
  return { messages: slack.messages.length, perSecond, duplicates, losses, seconds: (last - started) / 1000 };
}

export async function run(options: PostgresFanoutOptions = {}): Promise<void> {
  const bin = postgresBinDir();
  const settings = {
    subscriptions: options.subscriptions ?? 1000,
    latencyMs: options.latencyMs ?? 50,
    killAfterMs: options.killAfterMs ?? 5000,
    stallMs: options.stallMs ?? 60_000,
  };
  const server = bin === undefined ? undefined : await startTestServer(bin);
  try {
    if (server && bin !== undefined && process.env['FANOUT_PG_UNSAFE'] === undefined) await restartDurable(server, bin);
    const runs: Run[] = [
      { backend: 'sqlite', processes: 3, kill: false },
      { backend: 'sqlite', processes: 3, kill: true },
      ...(server
        ? ([
            { backend: 'postgres', processes: 1, kill: false },
            { backend: 'postgres', processes: 3, kill: false },
            { backend: 'postgres', processes: 3, kill: true },
          ] as const)
        : []),
    ];
    console.log(
      `\nFan-out on PostgreSQL and SQLite: ${settings.subscriptions} channels, ${settings.latencyMs} ms per call, no rate limit` +
        (server ? '' : ' (PostgreSQL is not installed: SQLite only)'),
    );
    if (server) {
      const durability =
        process.env['FANOUT_PG_UNSAFE'] === undefined
          ? DURABLE.join(', ')
          : 'fsync=off, synchronous_commit=off, full_page_writes=off';
      console.log(`PostgreSQL: ${durability}; SQLite: WAL, synchronous=NORMAL, each attempt committed at FULL`);
    }
    console.log(
      '| backend | processes | messages | msg/s | duplicates | losses | last post (s) | CPU s: bots | CPU s: server | CPU ms/msg | commits |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of runs) {
      const o = await runOnce(r, server, settings);
      const name = `${r.backend}${r.kill ? `, one killed at ${settings.killAfterMs / 1000} s` : ''}`;
      console.log(
        `| ${name} | ${r.processes} | ${o.messages} | ${o.perSecond.toFixed(0)} | ${o.duplicates} | ${o.losses} | ${o.seconds.toFixed(1)} ` +
          `| ${o.botCpu.toFixed(1)} | ${o.serverCpu?.toFixed(1) ?? '–'} | ${(((o.botCpu + (o.serverCpu ?? 0)) / o.messages) * 1000).toFixed(1)} | ${o.commits ?? '–'} |`,
      );
    }
  } finally {
    server?.stop();
  }
}

function flag(name: string): number | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : Number(arg.slice(name.length + 3));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const subscriptions = flag('subscriptions');
  const latencyMs = flag('latency');
  const killAfterMs = flag('kill-after');
  await run({
    ...(subscriptions !== undefined ? { subscriptions } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(killAfterMs !== undefined ? { killAfterMs } : {}),
  });
}
