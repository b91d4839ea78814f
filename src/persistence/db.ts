/**
 * Opens the SQLite database and brings its schema up to date. Several bot processes may
 * open one file at once: migrations are numbered, and `user_version` is read inside the
 * same write transaction (`BEGIN IMMEDIATE`) that applies those above it, so the first
 * process migrates and the others find the work done. A failed upgrade leaves the previous
 * schema intact.
 *
 * Durability: the connection runs at `synchronous = NORMAL` (WAL: commits survive a process
 * crash; the last ones may vanish on power loss). The one write "never twice" depends on, a
 * delivery's attempt counted before its platform call, is committed at FULL (see
 * `DeliveriesRepository.recordAttempt`): its fsync also makes every earlier commit durable, so
 * after a power loss a post that may be out is always reconciled, never made blindly again.
 * The cost (one fsync per post) is measured in the README.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** `onOpened` learns how many migrations this process applied (0 when another process had done them). */
export function openDatabase(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
  onOpened?: (applied: number, version: number) => void,
): Db {
  const db = new Database(path);
  // First: other processes may hold the write lock (even for switching to WAL); wait for them.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets a reader (a command) proceed while the scheduler writes; it does not apply to :memory:.
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const applied = migrate(db, migrations);
  onOpened?.(applied, schemaVersion(db));
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/** Applies the migrations above the schema version; returns how many ran (0 when another process did them). */
export function migrate(db: Db, migrations: readonly Migration[]): number {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  // Read-only fast path: already migrated (the common start), no write lock needed.
  if (schemaVersion(db) >= latest) return 0;
  return db
    .transaction(() => {
      const pending = ordered.filter((m) => m.version > schemaVersion(db));
      for (const migration of pending) {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      }
      return pending.length;
    })
    .immediate();
}
