/**
 * How long an adapter waits for the core before it acknowledges a command empty and
 * answers later. Both platforms drop a request not acknowledged within 3 seconds; the
 * core answers a lookup in well under a millisecond, so nearly every reply fits in the
 * acknowledgment itself (one round trip) and only slow work is acknowledged first.
 */
export const REPLY_BUDGET_MS = 1500;

/**
 * `work`'s value if it settles within `ms`, otherwise `late` (the work keeps running); rejects
 * if `work` rejects in time. Settled straight from `work`'s own callbacks: no race between two
 * more promises, so the value reaches the caller a few microtask turns sooner.
 *
 * The timer is armed only for work still running once this turn of the event loop is over (a
 * `setImmediate`), for what is left of the budget. The core answers nearly every command within the
 * turn, from the microtasks, and a timer armed and cleared for every one of them was a few
 * microseconds of each reply (a read of libuv's clock and a timer list made and dropped).
 */
export function withinBudget<T>(work: Promise<T>, ms: number): Promise<{ readonly value: T } | 'late'> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    work.then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        resolve({ value });
      },
      (error: Error) => {
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
    setImmediate(() => {
      if (!settled) timer = setTimeout(() => resolve('late'), Math.max(0, ms - (performance.now() - started)));
    });
  });
}
