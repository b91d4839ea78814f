/**
 * Brings a PostgreSQL schema up to date. Every run is one transaction that first takes a transaction-scoped
 * advisory lock, then reads the version from `schema_version` and applies the migrations above it: processes
 * starting together queue on the lock, the first migrates, the others find the work done. A failed migration
 * rolls back whole, leaving the previous schema.
 */
import type pg from 'pg';
import type { Migration } from '../migrations/index.js';
import { inTransaction } from './connection.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import { raw, sql } from './sql.js';

/** The advisory lock's key: any constant no other application on the database uses ('agbt' in ASCII). */
const MIGRATION_LOCK = 0x61676274;

export interface MigrationOutcome {
  /** Migrations this call applied (0 when another process had applied them). */
  readonly applied: number;
  readonly version: number;
}

export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationOutcome> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  return inTransaction(pool, async (tx) => {
    await tx.run(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.run(
      sql`CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)`,
    );
    const current = (await tx.row<{ version: number }>(sql`SELECT version FROM schema_version WHERE id = 1`))?.version;
    const pending = ordered.filter((m) => m.version > (current ?? 0));
    for (const migration of pending) await tx.run(raw(migration.sql));
    const version = pending.at(-1)?.version ?? current ?? 0;
    if (pending.length > 0) {
      await tx.run(sql`INSERT INTO schema_version (id, version) VALUES (1, ${version})
                       ON CONFLICT (id) DO UPDATE SET version = excluded.version`);
    }
    return { applied: pending.length, version };
  });
}

/** The schema version of the database behind `pool` (0 when it was never migrated). */
export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  const exists = await pool.query<{ t: string | null }>(`SELECT to_regclass('schema_version') AS t`);
  if (exists.rows[0]?.t == null) return 0;
  const row = await pool.query<{ version: number }>('SELECT version FROM schema_version WHERE id = 1');
  return row.rows[0]?.version ?? 0;
}
