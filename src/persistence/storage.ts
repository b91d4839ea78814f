/**
 * Opens the configured storage: PostgreSQL when `DATABASE_URL` is set (`postgres://…`),
 * otherwise the SQLite file at `DATABASE_PATH`, as before.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { StorageBackend } from './backend.js';
import { openDatabase } from './db.js';
import { openSqliteBackend } from './sqlite-backend.js';

export interface StorageOptions {
  /** Told how many migrations this process applied (0 when another process had done them) and the version. */
  readonly onMigrated?: (applied: number, version: number) => void;
  /** Where PostgreSQL's pool reports a pooled connection that failed while idle (it replaces the connection). */
  readonly logger?: Pick<Logger, 'error'>;
}

export async function openStorage(
  config: Pick<Config, 'databasePath' | 'databaseUrl'> & Partial<Pick<Config, 'databasePoolSize'>>,
  options: StorageOptions = {},
): Promise<StorageBackend> {
  if (config.databaseUrl !== undefined) {
    // Loaded only when configured, so a SQLite deployment never loads `pg`.
    const { openPostgresBackend } = await import('./postgres/index.js');
    const { logger, onMigrated } = options;
    return openPostgresBackend(config.databaseUrl, {
      ...(config.databasePoolSize !== undefined ? { maxConnections: config.databasePoolSize } : {}),
      ...(onMigrated ? { onMigrated } : {}),
      // The error only: its message names no secret, and the URL (which may hold a password) is never logged.
      ...(logger
        ? {
            onIdleError: (error: Error) => logger.error({ err: error }, 'an idle database connection failed; replaced'),
          }
        : {}),
    });
  }
  const path = config.databasePath;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return openSqliteBackend(openDatabase(path, undefined, options.onMigrated));
}
