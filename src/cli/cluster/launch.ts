/**
 * `npm run cluster -- --web 2 --workers 3`: a whole bot on one machine, for trying the roles out and for the
 * cluster bench. Starts PostgreSQL (a throwaway server unless `DATABASE_URL` is set), the Discord REST proxy
 * when Discord is configured, then the web and worker processes, each on its own `PORT` on 127.0.0.1; waits
 * for every `GET /healthz` to answer 200 and prints where each listens. A stop request (Ctrl-C, SIGTERM)
 * stops them in order: web and workers together (they drain), then the proxy they send through, then
 * PostgreSQL, whose throwaway folder is deleted.
 */
import { fileURLToPath } from 'node:url';
import type { Env } from '../../config.js';
import { parseClusterArgs, USAGE, type ClusterArgs } from './args.js';
import { ClusterChild, describeExit } from './child.js';
import { clusterDatabase, NoPostgresError, type ClusterDatabase } from './database.js';
import { freePort } from './free-port.js';
import { NotHealthyError, untilHealthy } from './health.js';
import { clusterNeeds } from './requirements.js';
import { summary } from './summary.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LaunchOptions {
  /** The settings (the environment with `.env` under it); passed on to every process. */
  readonly env: Env;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Resolves when the cluster should stop (the entry point wires SIGINT and SIGTERM to it). */
  readonly stopRequested: Promise<void>;
  /** Resolves once every process has been started and found ready (tests wait for it). */
  readonly onReady?: (children: readonly ClusterChild[], database: ClusterDatabase) => void;
  /** Node's arguments for a bot process and for the proxy (tests put small stand-ins here). */
  readonly commands?: { readonly bot: readonly string[]; readonly proxy: readonly string[] };
  readonly readyTimeoutMs?: number;
}

const DEFAULT_COMMANDS = {
  bot: ['--import', 'tsx', 'src/main.ts'],
  proxy: ['--import', 'tsx', 'adapters/discord/proxy/main.ts'],
};

/** Runs the cluster until a stop request; returns the exit code (0 after a clean stop, 1 or 2 on failure). */
export async function runCluster(argv: readonly string[], options: LaunchOptions): Promise<number> {
  const parsed = parseClusterArgs(argv);
  if (parsed.kind === 'help') return (options.out(USAGE), 0);
  if (parsed.kind === 'error') return (options.err(`${parsed.message}\n\n${USAGE}`), 2);
  const needs = clusterNeeds(options.env, parsed.args);
  if ('problems' in needs) return (options.err(`The cluster cannot start:\n${needs.problems.join('\n')}\n`), 2);
  const children: ClusterChild[] = [];
  const run = { stopping: false };
  let database: ClusterDatabase | undefined;
  try {
    options.out(options.env['DATABASE_URL'] ? 'Using DATABASE_URL.\n' : 'Starting a throwaway PostgreSQL…\n');
    database = await clusterDatabase(options.env['DATABASE_URL']);
    await startAll(parsed.args, needs.needs.discord, database, children, options);
    options.out(summary(database, children, needs.needs.notes));
    options.onReady?.(children, database);
    watchForExits(children, run, options.err);
    await options.stopRequested;
    options.out('Stopping the cluster…\n');
    return 0;
  } catch (error) {
    if (!(error instanceof NotHealthyError || error instanceof NoPostgresError)) throw error;
    options.err(`${error.message}\n`);
    return 1;
  } finally {
    run.stopping = true;
    await stopAll(children, database, graceMs(options.env), options.out);
  }
}

async function startAll(
  args: ClusterArgs,
  discord: boolean,
  database: ClusterDatabase,
  children: ClusterChild[],
  options: LaunchOptions,
): Promise<void> {
  const commands = options.commands ?? DEFAULT_COMMANDS;
  const timeout = options.readyTimeoutMs ?? 120_000;
  const start = async (name: string, args: readonly string[], env: Record<string, string>) => {
    const port = await freePort();
    const child = new ClusterChild({ name, args, cwd: ROOT, port, env: { ...env, PORT: String(port) } }, options.err);
    children.push(child);
    await untilHealthy(child, timeout, options.stopRequested);
    return child;
  };
  const env = settingsOf(options.env);
  let proxyUrl: string | undefined;
  if (discord) {
    const proxy = await start('discord-proxy', commands.proxy, proxyEnv(env));
    proxyUrl = `http://127.0.0.1:${proxy.spec.port}/api`;
  }
  // Behind the proxy the bot's budget is the proxy's to keep: each process may send as fast as it gets answers.
  const shared = proxyUrl === undefined ? env : withoutKey(env, 'DISCORD_REQUESTS_PER_SECOND');
  const botEnv = (role: string): Record<string, string> => ({
    ...shared,
    AGENDABOT_ROLE: role,
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    ...(proxyUrl !== undefined ? { DISCORD_API_URL: proxyUrl } : {}),
  });
  // Workers first in the list (the migrations run once under their lock whichever process comes first).
  const names = [
    ...Array.from({ length: args.workers }, (_, i) => [`worker-${i + 1}`, 'worker'] as const),
    ...Array.from({ length: args.web }, (_, i) => [`web-${i + 1}`, 'web'] as const),
  ];
  await Promise.all(names.map(([name, role]) => start(name, commands.bot, botEnv(role))));
}

/** The proxy's own settings: it listens on 127.0.0.1 and forwards to `DISCORD_API_URL` (Discord unless set). */
function proxyEnv(env: Record<string, string>): Record<string, string> {
  return { ...env, HOST: '127.0.0.1' };
}

function settingsOf(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function withoutKey(env: Record<string, string>, key: string): Record<string, string> {
  const { [key]: _dropped, ...rest } = env;
  return rest;
}

/** How long each process may take to drain: its own `SHUTDOWN_GRACE_SECONDS` (default 25) and 5 s more. */
function graceMs(env: Env): number {
  const seconds = Number(env['SHUTDOWN_GRACE_SECONDS'] ?? 25);
  return ((Number.isFinite(seconds) && seconds >= 0 ? seconds : 25) + 5) * 1000;
}

/** Says so when a process stops on its own; the cluster keeps running without it. */
function watchForExits(
  children: readonly ClusterChild[],
  run: { readonly stopping: boolean },
  err: (text: string) => void,
): void {
  for (const child of children) {
    void child.exited.then((exit) => {
      if (!run.stopping) err(`${child.spec.name} ${describeExit(exit)}; the others keep running.\n`);
    });
  }
}

async function stopAll(
  children: readonly ClusterChild[],
  database: ClusterDatabase | undefined,
  grace: number,
  out: (text: string) => void,
): Promise<void> {
  const bots = children.filter((child) => child.spec.name !== 'discord-proxy');
  const proxies = children.filter((child) => child.spec.name === 'discord-proxy');
  await Promise.all(bots.map((child) => child.stop(grace)));
  await Promise.all(proxies.map((child) => child.stop(grace)));
  database?.stop();
  if (children.length > 0 || database?.folder !== undefined) out('Stopped.\n');
}
