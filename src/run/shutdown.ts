/**
 * Stopping on SIGTERM or SIGINT (and when the shell's input ends). First the drain: health says
 * `draining` at once, the HTTP servers refuse new work, the scheduler claims nothing more and hands
 * back what it has not started; then what was started (requests, interaction edits, deliveries) gets
 * up to `SHUTDOWN_GRACE_SECONDS` to finish. Then everything that was started is stopped, in reverse.
 */
import { withinBudget } from '../reply-budget.js';
import type { Logger } from '../log.js';
import type { Health } from './health.js';

export type Stop = () => Promise<void> | void;

export interface Shutdown {
  readonly health: Health;
  readonly logger: Logger;
  readonly graceMs: number;
  /** Each stops taking work and resolves when what it took is done (scheduler, requests in flight). */
  readonly finishing: (() => Promise<void>)[];
  /** Stopped in reverse order of starting, after the drain (adapters, the agenda watch, the database). */
  readonly stops: Stop[];
}

/** Drains, then stops everything. Never rejects: a step that fails is logged and the rest still stop. */
export async function shutDown(shutdown: Shutdown): Promise<void> {
  const { health, logger, graceMs } = shutdown;
  const started = Date.now();
  health.draining();
  const finished = Promise.all(shutdown.finishing.map(async (finish) => finish()));
  const outcome = await withinBudget(
    finished.catch((error: unknown) => logger.error({ err: error }, 'a step of the drain failed')),
    graceMs,
  );
  if (outcome === 'late') {
    logger.warn(
      { graceMs },
      'shutdown grace ran out: stopping what still runs (unfinished claims expire with their lease)',
    );
  } else {
    logger.info({ drainMs: Date.now() - started }, 'drained');
  }
  for (const stop of shutdown.stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      logger.error({ err: error }, 'a step of the shutdown failed');
    }
  }
  logger.info({ totalMs: Date.now() - started }, 'stopped');
}

/** SIGTERM and SIGINT start the shutdown, then the process exits 0; a second signal ends it at once (exit 1). */
export function onStopSignals(shutdown: Shutdown): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      shutdown.logger.warn({ signal }, 'second signal: exiting without finishing the drain');
      process.exit(1);
    }
    stopping = true;
    shutdown.logger.info({ signal }, 'shutting down');
    void shutDown(shutdown).then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
