/**
 * Starts the bench's bot processes on one database file, and optionally SIGKILLs the first
 * one partway (crash recovery under load: its claims are taken over after their lease).
 */
import { startBot, type Bot } from '../../process/bot-processes.js';

export interface BotRun {
  readonly bots: Bot[];
  /** Stops the kill timer (if any). */
  readonly cancel: () => void;
}

export async function startBots(
  processes: number,
  envFor: () => Promise<Record<string, string>>,
  killAfterMs?: number,
): Promise<BotRun> {
  const bots: Bot[] = [];
  for (let i = 0; i < processes; i += 1) {
    bots.push(
      startBot({
        SWEEP_EVERY_SECONDS: '5',
        LOG_LEVEL: 'warn',
        // Diagnostics: try another pool size without editing the config (`FANOUT_CONCURRENCY=128`).
        ...(process.env['FANOUT_CONCURRENCY'] ? { DELIVERY_CONCURRENCY: process.env['FANOUT_CONCURRENCY'] } : {}),
        ...(await envFor()),
        // Diagnostics: node options for every bot process (e.g. `--max-old-space-size`).
        ...(process.env['FANOUT_NODE_OPTIONS'] ? { NODE_OPTIONS: process.env['FANOUT_NODE_OPTIONS'] } : {}),
      }),
    );
  }
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => bots[0]?.child.kill('SIGKILL'), killAfterMs);
  return { bots, cancel: () => clearTimeout(timer) };
}
