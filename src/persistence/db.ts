/**
 * Opens the one SQLite database and brings its schema up to date. Migrations are
 * numbered; those above `PRAGMA user_version` run in a single transaction, so a
 * failed upgrade leaves the previous schema intact.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(path);
  // WAL lets a reader (a command) proceed while the scheduler writes; it does not apply to :memory:.
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
