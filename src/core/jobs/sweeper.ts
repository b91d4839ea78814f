/**
 * One sweep: ask every feature to plan what has fallen due (weekly questions, reading-group
 * reminders…), then carry out every actionable delivery. Sweeps never overlap within a
 * process: a sweep requested while one runs joins the running one. Across processes, only
 * the holder of the `sweeper` lease row plans (renewed before each feature; taken over when
 * it runs out), and every process delivers, each under its own claims. Planning is also
 * idempotent on its own (unique keys), so a planner that loses its lease midway doubles nothing.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../../log.js';
import type { LeaseStore } from './deliveries.js';
import { processHolder, type Outbox } from './outbox.js';

export interface SweeperOptions {
  /** Where the planner lease lives; without it this process always plans (one process, or tests). */
  readonly leases?: LeaseStore;
  /** This process's name on the lease (defaults to the outbox's per-process name). */
  readonly holder?: string;
  /** How long the planner lease lasts without renewal. Default 2 minutes (two sweeps). */
  readonly plannerLeaseMs?: number;
}

export const PLANNER_LEASE = 'sweeper';

/** A feature's source of scheduled work. `plan` writes pending deliveries; it must not post. */
export interface DueWorkProvider {
  readonly name: string;
  plan(now: Date): Promise<void> | void;
}

export class Sweeper {
  #running: Promise<void> | undefined;
  #sweeps = 0;
  #stopped = false;

  constructor(
    private readonly providers: readonly DueWorkProvider[],
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: SweeperOptions = {},
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

  /** Shutting down: the running sweep finishes the deliveries in flight, claims no more and plans no more. */
  stop(): void {
    this.#stopped = true;
    this.outbox.stop();
  }

  /** Resolves when no sweep is running (for clean shutdown). */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #sweep(): Promise<void> {
    // Leftovers first: a pending post from before a restart is reconciled before anything new.
    await this.#safely('outbox', () => this.outbox.process());
    const now = this.clock.now();
    // What planning writes is delivered while planning goes on, here as in the other processes: the planner's
    // pool would otherwise stand idle through a large planning round, however long its round trips make it.
    let planning = true;
    const delivering = this.#safely('outbox', () => this.outbox.process(() => planning));
    try {
      for (const provider of this.providers) {
        if (this.#stopped || !(await this.#holdsPlannerLease())) break;
        await this.#safely(provider.name, () => provider.plan(now));
      }
    } finally {
      planning = false;
    }
    await delivering;
    await this.#safely('outbox', () => this.outbox.process());
  }

  /** Takes or renews the planner lease; true when this process may plan now. */
  async #holdsPlannerLease(): Promise<boolean> {
    const { leases } = this.options;
    if (!leases) return true;
    try {
      const holder = this.options.holder ?? processHolder;
      return await leases.acquireLease(PLANNER_LEASE, holder, this.clock.now(), this.options.plannerLeaseMs ?? 120_000);
    } catch (error) {
      this.logger.error({ err: error }, 'could not take the planner lease');
      return false;
    }
  }

  async #safely(what: string, work: () => unknown): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ step: what, err: error }, 'sweep step failed');
    }
  }
}
