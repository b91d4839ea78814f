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
 */
export function withinBudget<T>(work: Promise<T>, ms: number): Promise<{ readonly value: T } | 'late'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('late'), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ value });
      },
      (error: Error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
