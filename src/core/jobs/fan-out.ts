/**
 * The outbox's bounded pool: keeps up to `concurrency` deliveries in flight, claiming only as
 * many as it has free slots (so no claim waits in a local queue while its lease runs), and
 * goes on while anything is actionable. When nothing is claimable now but something falls
 * due soon (a thread message keeping its channel's pace, a retry after `Retry-After`, a claim
 * left by a dead process), it waits for it, within the time budget. A slow delivery holds
 * only its own slot.
 */
export interface PoolWork<T> {
  claim(limit: number): Promise<readonly T[]>;
  /** When the next item becomes claimable (ms since the epoch), if anything is left at all. */
  nextDueAt(): Promise<Date | undefined>;
  work(item: T): Promise<void>;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Items in flight at most; read again before each claim, so a pool can grow while it runs. */
  concurrency(): number;
  readonly budgetMs: number;
  /** True once the process is shutting down: claim nothing more, let what runs finish. */
  stopping(): boolean;
  /** True while more work may still be written (this process is planning): keep looking when none is left. */
  expectMore?(): boolean;
}

const WAIT_STEP_MS = 100;
/** After a claim finds less than it asked for, claim again only this much later (each claim is a write). */
const CLAIM_QUIET_MS = 50;
/** Claim in batches of about this share of the pool: each batch's attempts share one fsync. */
const CLAIM_BATCH_SHARE = 8;

/** Runs the pool; returns how many items were worked on. */
export async function runPool<T>(pool: PoolWork<T>): Promise<number> {
  const started = pool.now();
  const running = new Set<Promise<void>>();
  let worked = 0;
  let slept = 0;
  let quietUntil = 0;
  const withinBudget = (extraMs = 0): boolean =>
    !pool.stopping() && pool.now() + extraMs - started < pool.budgetMs && slept + extraMs < pool.budgetMs;
  for (;;) {
    const concurrency = Math.max(1, pool.concurrency());
    const batch = Math.max(1, Math.floor(concurrency / CLAIM_BATCH_SHARE));
    const free = concurrency - running.size;
    const worthClaiming = running.size === 0 || (free >= batch && pool.now() >= quietUntil);
    const claimed = free > 0 && worthClaiming && withinBudget() ? await pool.claim(free) : [];
    if (claimed.length < free) quietUntil = pool.now() + CLAIM_QUIET_MS;
    for (const item of claimed) {
      const job: Promise<void> = pool.work(item).finally(() => running.delete(job));
      running.add(job);
      worked += 1;
    }
    if (running.size > 0) {
      await Promise.race(running);
      continue;
    }
    if (claimed.length > 0) continue;
    const next = await pool.nextDueAt();
    if (next === undefined && pool.expectMore?.() !== true) break;
    // Another process may have claimed what looked due: check again shortly, never spin.
    const wait = next === undefined ? WAIT_STEP_MS : Math.max(20, next.getTime() - pool.now());
    if (!withinBudget(wait)) break;
    // In short steps, re-checking: work may fall due sooner (another process's retry, released claims).
    const step = Math.min(wait, WAIT_STEP_MS);
    const before = pool.now();
    await pool.sleep(step);
    slept += step;
    // A clock that stands still while we sleep (a test's manual clock) will never make anything due.
    if (pool.now() <= before) break;
  }
  return worked;
}
