/**
 * The heartbeat: node-cron ticks once a minute to start a sweep, and a sweep runs at
 * start-up so that anything that fell due while the bot was down is handled at once.
 * node-cron keeps no state: the database decides what is due (see `Sweeper`).
 */
import { schedule, type ScheduledTask } from 'node-cron';
import type { CrashPoint } from './config.js';
import { createSweeper } from './core/jobs/features.js';
import type { FaultPoint } from './core/jobs/outbox.js';
import { scheduledFeatures } from './core/features/index.js';
import type { Sweeper } from './core/jobs/sweeper.js';
import type { Services } from './core/services.js';
import type { Logger } from './log.js';

export interface Scheduler {
  /** Stops ticking and waits for a running sweep to finish (clean shutdown). */
  stop(): Promise<void>;
}

export function startScheduler(sweeper: Sweeper, logger: Logger): Scheduler {
  let stopped = false;
  const tick = (): Promise<void> => (stopped ? Promise.resolve() : sweeper.sweep());
  const task: ScheduledTask = schedule('* * * * *', () => tick(), { name: 'sweep', noOverlap: true });
  logger.info({}, 'scheduler started: sweeping every minute');
  const first = tick();
  return {
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
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
export function startScheduling(services: Services, options: { readonly crashAt?: CrashPoint } = {}): Scheduler {
  const { crashAt } = options;
  const fault = crashAt
    ? (point: FaultPoint, key: string): void => {
        if (point !== crashAt) return;
        services.logger.warn({ point, key }, 'AGENDABOT_TEST_CRASH_AT: killing the process on purpose');
        process.kill(process.pid, 'SIGKILL');
      }
    : undefined;
  const sweeper = createSweeper(services, scheduledFeatures, fault ? { fault } : {});
  return startScheduler(sweeper, services.logger);
}
