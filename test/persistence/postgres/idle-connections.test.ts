/**
 * A pooled connection outlives the quiet minute between two sweeps: pg-pool's own default (10 s) closed it, and the
 * next sweep connected and prepared its statements again. Timers are faked only around the idle wait.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPool, poolExecutor } from '../../../src/persistence/postgres/connection.js';
import { sql } from '../../../src/persistence/postgres/sql.js';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres.js';

afterEach(() => {
  vi.useRealTimers();
});

describe.runIf(postgresAvailable)('pooled connections at rest', () => {
  it('stay open for the minute between sweeps, and close after five', async () => {
    const pool = createPool(await createTestDatabase({ empty: true }));
    try {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const db = poolExecutor(pool);
      const [first] = await db.rows<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      expect(pool.idleCount).toBe(1);
      vi.advanceTimersByTime(65_000);
      expect(pool.totalCount).toBe(1);
      const [again] = await db.rows<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      expect(again?.pid).toBe(first?.pid);
      vi.advanceTimersByTime(5 * 60_000 + 1_000);
      expect(pool.totalCount).toBe(0);
    } finally {
      vi.useRealTimers();
      await pool.end();
    }
  });
});
