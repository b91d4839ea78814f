/**
 * The heartbeat: a timer ticks at the start of every minute (or on every multiple of
 * `SWEEP_EVERY_SECONDS` within it) to start a sweep, and a sweep runs at start-up so that
 * anything that fell due while the bot was down is handled at once.
 * The timer keeps no state: the database decides what is due (see `Sweeper`). It replaced
 * node-cron, which for this one fixed tick loaded ICU's time-zone data (MiBs of memory).
 */
import type { CrashPoint, JobsConfig } from './config.js';
import { createSweeper } from './core/jobs/features.js';
import { processHolder, type FaultPoint } from './core/jobs/outbox.js';
import { scheduledFeatures } from './core/features/index.js';
import type { Sweeper } from './core/jobs/sweeper.js';
import type { Services } from './core/services.js';
import type { Logger } from './log.js';

export interface Scheduler {
  /** Stops ticking and waits for a running sweep to finish (clean shutdown). */
  stop(): Promise<void>;
}

/**
 * The first tick after `now` (epoch ms): the next wall-clock time that is a whole multiple of
 * `everySeconds` (which divides 60, so ticks fall on the same seconds of every minute; 60: each
 * minute's start). A sweep still running at a tick is joined, not doubled (`Sweeper.sweep`).
 */
export function nextTickAt(now: number, everySeconds: number): number {
  const period = Math.min(everySeconds, 60) * 1000;
  return now - (now % period) + period;
}

export function startScheduler(sweeper: Sweeper, logger: Logger, everySeconds = 60): Scheduler {
  let stopped = false;
  const tick = (): Promise<void> => (stopped ? Promise.resolve() : sweeper.sweep());
  let timer: NodeJS.Timeout | undefined;
  const wait = (at: number): void => {
    timer = setTimeout(() => {
      void tick();
      // From the tick's own time, not the clock's: a timer that fires a little early must not tick twice.
      wait(nextTickAt(Math.max(Date.now(), at), everySeconds));
    }, at - Date.now());
  };
  wait(nextTickAt(Date.now(), everySeconds));
  logger.info({ everySeconds }, 'scheduler started');
  const first = tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      sweeper.stop();
      await first;
      await sweeper.idle();
      logger.info({}, 'scheduler stopped');
    },
  };
}

/**
 * Everything scheduled, for `src/main.ts`: a sweeper over every scheduled feature,
 * ticking every minute and once now. Call it after every adapter's delivery port is added.
 * `crashAt` is the test-only fault knob (`AGENDABOT_TEST_CRASH_AT`).
 */
export interface SchedulingOptions {
  readonly crashAt?: CrashPoint;
  /** Pool size, claim lease and sweep interval (`Config.jobs`); defaults as in `src/config.ts`. */
  readonly jobs?: JobsConfig;
}

export function startScheduling(services: Services, options: SchedulingOptions = {}): Scheduler {
  const { crashAt, jobs } = options;
  const fault = crashAt
    ? (point: FaultPoint, key: string): void => {
        if (point !== crashAt) return;
        services.logger.warn({ point, key }, 'AGENDABOT_TEST_CRASH_AT: killing the process on purpose');
        process.kill(process.pid, 'SIGKILL');
      }
    : undefined;
  // The planner lease is renewed every sweep; a dead planner is replaced after at most two minutes.
  const pool = jobs
    ? { concurrency: jobs.concurrency, leaseMs: jobs.leaseMs, plannerLeaseMs: Math.min(jobs.leaseMs, 120_000) }
    : {};
  const sweeper = createSweeper(services, scheduledFeatures, { ...pool, ...(fault ? { fault } : {}) });
  services.logger.info({ holder: processHolder, ...pool }, 'this process takes part in scheduled work');
  return startScheduler(sweeper, services.logger, jobs?.sweepEverySeconds ?? 60);
}
