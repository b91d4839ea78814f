/**
 * Runs independent pieces of work a few at a time. On a database server each piece (a transaction of several
 * statements) spends most of its time waiting for round trips, which then overlap; on SQLite the transactions
 * queue on the one connection as before.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // After a failure no new piece starts; the ones running finish, then the first error is thrown.
    while (failure === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
}
