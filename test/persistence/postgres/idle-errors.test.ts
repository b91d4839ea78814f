/**
 * A pooled connection that fails while idle (the server restarted, an administrator ended it) is reported to the
 * logger given to `openStorage`, and the pool goes on with a new connection.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/persistence/storage.js';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres.js';

describe.runIf(postgresAvailable)('an idle pooled connection that fails', () => {
  it('is logged as an error, and the next statement runs on a new connection', async () => {
    const url = await createTestDatabase();
    const logged: { fields: Record<string, unknown>; message: string | undefined }[] = [];
    const logger = { error: (fields: Record<string, unknown>, message?: string) => logged.push({ fields, message }) };
    const backend = await openStorage({ databasePath: ':memory:', databaseUrl: url }, { logger });
    try {
      // Migrating left an idle connection in the pool; end it from outside, as a server restart would.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const database = new URL(url).pathname.slice(1);
      const ended = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      for (let waited = 0; logged.length === 0 && waited < 5_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(logged[0]?.message).toBe('an idle database connection failed; replaced');
      expect(logged[0]?.fields['err']).toBeInstanceOf(Error);
      expect(JSON.stringify(logged)).not.toContain(url);
      expect(await backend.stores.deliveries.get('nothing')).toBeUndefined();
    } finally {
      await backend.close();
    }
  });
});
