/**
 * The heartbeat: node-cron ticks once a minute (or every `SWEEP_EVERY_SECONDS`) to start a
 * sweep, and a sweep runs at start-up so that anything that fell due while the bot was down
 * is handled at once.
 * node-cron keeps no state: the database decides what is due (see `Sweeper`).
 * It is the project's chosen scheduler (the owner's package list), although it reads the time
 * through `Intl`, which maps ICU's data (about 8 MiB resident) at the first tick it plans.
 */
import { schedule, type ScheduledTask } from 'node-cron';
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

export function startScheduler(sweeper: Sweeper, logger: Logger, everySeconds = 60): Scheduler {
  let stopped = false;
  const tick = (): Promise<void> => (stopped ? Promise.resolve() : sweeper.sweep());
  const expression = everySeconds >= 60 ? '* * * * *' : `*/${everySeconds} * * * * *`;
  const task: ScheduledTask = schedule(expression, () => tick(), { name: 'sweep', noOverlap: true });
  logger.info({ everySeconds }, 'scheduler started');
  const first = tick();
  return {
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
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
