/**
 * Starting the two bots as child processes, the way they run in production: agendabot as
 * `npm start` runs it (the compiled `dist/` when it exists, otherwise TypeScript through
 * tsx), the floor bot the same way. No npm wrapper, so the pid is the bot's own and
 * its resident memory is the bot's alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export type BotKind = 'agendabot' | 'floor';
export type Runner = 'node' | 'tsx';

const ENTRIES: Record<BotKind, { readonly ts: string; readonly js: string }> = {
  agendabot: { ts: 'src/main.ts', js: 'dist/bot/main.js' },
  floor: { ts: 'test/bench/floor/main.ts', js: 'dist/test/bench/floor/main.js' },
};

/** Compiled when `dist/` has the bot, unless told otherwise. */
export function defaultRunner(): Runner {
  return existsSync(join(ROOT, ENTRIES.agendabot.js)) && existsSync(join(ROOT, ENTRIES.floor.js)) ? 'node' : 'tsx';
}

export interface RunningBot {
  readonly kind: BotKind;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to ready (every configured platform connected). */
  readonly readyMs: number;
  rssMiB(): number;
  stop(): Promise<void>;
}

/** How many "adapter started" lines agendabot writes before it is ready. */
function readyCheck(kind: BotKind, platforms: number): (log: string) => boolean {
  if (kind === 'floor') return (log) => log.includes('floor ready');
  return (log) => (log.match(/adapter started/gu)?.length ?? 0) >= platforms;
}

export async function startBot(
  kind: BotKind,
  env: Record<string, string>,
  platforms: number,
  runner: Runner,
): Promise<RunningBot> {
  const entry = ENTRIES[kind];
  const args = runner === 'node' ? [entry.js] : ['--import', 'tsx', entry.ts];
  const extra = process.env['BENCH_NODE_OPTIONS'];
  const started = performance.now();
  const child = spawn(process.execPath, [...(extra ? extra.split(' ') : []), ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const isReady = readyCheck(kind, platforms);
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} not ready after 60 s:\n${log.slice(-2000)}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (log.length < 100_000) log += chunk.toString();
      if (isReady(log)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited (${code}) before ready:\n${log.slice(-2000)}`)));
  });
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume();
  return { kind, child, readyMs, rssMiB: () => rssOf(child.pid ?? 0), stop: () => stopChild(child) };
}

/** Resident set size from /proc (Linux), in MiB. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
