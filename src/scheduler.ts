/**
 * The heartbeat: node-cron ticks once a minute to start a sweep, and a sweep runs at
 * start-up so that anything that fell due while the bot was down is handled at once.
 * node-cron keeps no state: the database decides what is due (see `Sweeper`).
 */
import { schedule, type ScheduledTask } from 'node-cron';
import type { Sweeper } from './core/jobs/sweeper.js';
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
