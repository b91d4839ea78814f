/**
 * One sweep: ask every feature to plan what has fallen due (weekly questions, reading-group
 * reminders…), then carry out every actionable delivery. Sweeps never overlap: a sweep
 * requested while one runs joins the running one, so two can never plan or post the
 * same thing concurrently. The clock decides what is due; nothing here waits.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../../log.js';
import type { Outbox } from './outbox.js';

/** A feature's source of scheduled work. `plan` writes pending deliveries; it must not post. */
export interface DueWorkProvider {
  readonly name: string;
  plan(now: Date): Promise<void> | void;
}

export class Sweeper {
  #running: Promise<void> | undefined;
  #sweeps = 0;

  constructor(
    private readonly providers: readonly DueWorkProvider[],
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** How many sweeps have completed (for status and tests). */
  get completed(): number {
    return this.#sweeps;
  }

  /** Runs a sweep, or joins the one already running. Never rejects: problems are logged. */
  sweep(): Promise<void> {
    this.#running ??= this.#sweep().finally(() => {
      this.#running = undefined;
      this.#sweeps += 1;
    });
    return this.#running;
  }

  /** Resolves when no sweep is running (for clean shutdown). */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #sweep(): Promise<void> {
    // Leftovers first: a pending post from before a restart is reconciled before anything new.
    await this.#safely('outbox', () => this.outbox.process());
    const now = this.clock.now();
    for (const provider of this.providers) {
      await this.#safely(provider.name, () => provider.plan(now));
    }
    await this.#safely('outbox', () => this.outbox.process());
  }

  async #safely(what: string, work: () => unknown): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ step: what, err: error }, 'sweep step failed');
    }
  }
}
