/**
 * How long an adapter waits for the core before it acknowledges a command empty and
 * answers later. Both platforms drop a request not acknowledged within 3 seconds; the
 * core answers a lookup in well under a millisecond, so nearly every reply fits in the
 * acknowledgment itself (one round trip) and only slow work is acknowledged first.
 */
export const REPLY_BUDGET_MS = 1500;

/** `work`'s value if it settles within `ms`, otherwise `late` (the work keeps running). */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<{ readonly value: T } | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
