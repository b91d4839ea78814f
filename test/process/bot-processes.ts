/**
 * Real bot processes for the process tests and the fan-out bench: `node --import tsx src/main.ts`
 * against a database file and the fake Slack (and fake Discord), with their log lines kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../../src/core/context.js';
import { weekOf } from '../../src/core/time/weekly.js';
import { openDatabase } from '../../src/persistence/db.js';
import { SubscriptionsRepository } from '../../src/persistence/subscriptions-repository.js';
import { dueWeekly, previousMinute } from '../helpers/due-subscriptions.js';
import { freePort } from '../../src/cli/cluster/free-port.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Bot {
  readonly child: ChildProcess;
  /** Parsed JSON log lines (stderr), in order. */
  readonly logs: { msg?: string; [field: string]: unknown }[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export { freePort };

export interface SeedOptions {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly channels: readonly string[];
  /** The due instant; default: the start of the previous minute. */
  readonly due?: Date;
}

/** One weekly subscription per channel (ids 1, 2, … in order), all due at once. Returns the week. */
export function seedSubscriptions(databasePath: string, options: SeedOptions): { week: string; due: Date } {
  const db = openDatabase(databasePath);
  const due = options.due ?? previousMinute();
  const repository = new SubscriptionsRepository(db);
  db.transaction(() => {
    for (const channelId of options.channels) {
      repository.create(dueWeekly({ platform: options.platform, tenantId: options.tenantId, channelId }, due));
    }
  }).immediate();
  db.close();
  return { week: weekOf(due, 'UTC'), due };
}

/** Starts one bot process with exactly this environment (plus PATH). */
export function startBot(env: Record<string, string>): Bot {
  // node with tsx as a loader (what `tsx src/main.ts` does), so the child is the bot itself and SIGKILL hits it.
  // BOT_NODE_ARGS: extra node flags for the bench's diagnostics (e.g. `--cpu-prof`, not allowed in NODE_OPTIONS).
  const nodeArgs = process.env['BOT_NODE_ARGS']?.split(' ').filter((a) => a !== '') ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
  });
  const logs: Bot['logs'] = [];
  let partial = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Bot['logs'][number]);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, logs, exited };
}

/** Resolves when the bot has logged `message` (polling its log; no fixed sleeps). */
export async function logged(bot: Bot, message: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!bot.logs.some((l) => l.msg === message)) {
    if (Date.now() > until) throw new Error(`no "${message}" in the log: ${JSON.stringify(bot.logs.slice(-5))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stops bots with SIGTERM (clean shutdown) and waits for them. */
export async function stopAll(bots: readonly Bot[]): Promise<void> {
  for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
  await Promise.all(bots.map((b) => b.exited));
}
