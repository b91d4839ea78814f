/**
 * Opens the configured storage: PostgreSQL when `DATABASE_URL` is set (`postgres://…`),
 * otherwise the SQLite file at `DATABASE_PATH`, as before.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import type { StorageBackend } from './backend.js';
import { openDatabase } from './db.js';
import { openSqliteBackend } from './sqlite-backend.js';

export interface StorageOptions {
  /** Told how many migrations this process applied (0 when another process had done them) and the version. */
  readonly onMigrated?: (applied: number, version: number) => void;
}

export async function openStorage(
  config: Pick<Config, 'databasePath' | 'databaseUrl'>,
  options: StorageOptions = {},
): Promise<StorageBackend> {
  if (config.databaseUrl !== undefined) {
    // Loaded only when configured, so a SQLite deployment never loads `pg`.
    const { openPostgresBackend } = await import('./postgres/index.js');
    return openPostgresBackend(config.databaseUrl, options);
  }
  const path = config.databasePath;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return openSqliteBackend(openDatabase(path, undefined, options.onMigrated));
}
