/**
 * Group commit for attempts: every delivery that counts its attempt in the same turn of the
 * event loop (a pool starts all it claimed at once) shares one durable commit. An attempt must
 * be durable before its platform call, and each durable commit is an fsync that blocks this
 * process and holds the database's write lock every other process waits on; one fsync per
 * post capped fan-out far below the platforms' rates.
 */
type Flush = (keys: readonly string[]) => Promise<Map<string, number>>;

interface Waiting {
  readonly key: string;
  readonly resolve: (attempts: number | undefined) => void;
  readonly reject: (error: unknown) => void;
}

export class AttemptBatch {
  #waiting: Waiting[] = [];

  /** `flush` counts the attempts of these keys in one commit; keys whose claim was lost are absent. */
  constructor(private readonly flush: Flush) {}

  /** Resolves with the delivery's new attempt count once it is durable, or undefined if the claim is lost. */
  record(key: string): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.length === 0) queueMicrotask(() => void this.#commit());
      this.#waiting.push({ key, resolve, reject });
    });
  }

  async #commit(): Promise<void> {
    const batch = this.#waiting;
    this.#waiting = [];
    try {
      const counted = await this.flush(batch.map((w) => w.key));
      for (const waiting of batch) waiting.resolve(counted.get(waiting.key));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
