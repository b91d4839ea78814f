import { describe, expect, it } from 'vitest';
import { createPool } from '../../../src/persistence/postgres/connection.js';
import { migratePostgres, postgresSchemaVersion } from '../../../src/persistence/postgres/migrate.js';
import { POSTGRES_MIGRATIONS } from '../../../src/persistence/postgres/migrations/index.js';
import { MIGRATIONS } from '../../../src/persistence/migrations/index.js';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres.js';

describe('PostgreSQL migrations', () => {
  it('have the same version numbers as SQLite’s', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  describe.runIf(postgresAvailable)('on a server', () => {
    it('migrate an empty database once, then find nothing to do', async () => {
      const pool = createPool(await createTestDatabase({ empty: true }));
      try {
        expect(await postgresSchemaVersion(pool)).toBe(0);
        expect(await migratePostgres(pool)).toEqual({ applied: 10, version: 10 });
        expect(await migratePostgres(pool)).toEqual({ applied: 0, version: 10 });
        expect(await postgresSchemaVersion(pool)).toBe(10);
      } finally {
        await pool.end();
      }
    });

    it('migrate once when many connections start together', async () => {
      const url = await createTestDatabase({ empty: true });
      const pools = Array.from({ length: 5 }, () => createPool(url, { maxConnections: 1 }));
      try {
        const outcomes = await Promise.all(pools.map((pool) => migratePostgres(pool)));
        expect(outcomes.map((o) => o.applied).sort()).toEqual([0, 0, 0, 0, 10]);
        expect(outcomes.every((o) => o.version === 10)).toBe(true);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });
  });
});
