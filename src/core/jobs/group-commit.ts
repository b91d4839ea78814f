/**
 * Group commit for the outbox's per-delivery writes (attempts before a post, "sent" after it): one write of many
 * deliveries in one commit, instead of one commit each.
 *
 * Why: each commit is a round trip and a WAL flush on a database server, and an fsync that holds SQLite's write
 * lock every other process waits on. One commit per post capped fan-out far below the platforms' rates.
 *
 * How: at most one commit is in flight. The first write goes at once (alone, on a quiet bot); the writes that arrive
 * while it is in flight wait for it and then go together. A pool posting many deliveries in the same moments
 * (their replies arrive together) so shares a commit, and the batch grows with the load, never by a timer.
 */
export interface Keyed {
  readonly key: string;
}

/** Commits these items in one write; the result of each item that took effect, by key (absent: it did not). */
type Commit<T extends Keyed, R> = (items: readonly T[]) => Promise<ReadonlyMap<string, R>>;

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R | undefined) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<T extends Keyed, R> {
  #waiting: Waiting<T, R>[] = [];
  #inFlight = false;

  constructor(private readonly commit: Commit<T, R>) {}

  /** Resolves once the item's write is durable: with its result, or undefined if it did not take effect. */
  write(item: T): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      // A microtask, not at once: the writes started in this same turn (a pool starting what it claimed) go too.
      if (!this.#inFlight && this.#waiting.length === 1) queueMicrotask(() => void this.#next());
    });
  }

  async #next(): Promise<void> {
    if (this.#inFlight || this.#waiting.length === 0) return;
    const batch = this.#waiting;
    this.#waiting = [];
    this.#inFlight = true;
    try {
      const results = await this.commit(batch.map((w) => w.item));
      for (const waiting of batch) waiting.resolve(results.get(waiting.item.key));
    } catch (error) {
      // None of them is known to be written: each delivery takes its own failure path.
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.#inFlight = false;
      void this.#next();
    }
  }
}
