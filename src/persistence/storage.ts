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

/** The PostgreSQL module's entry, loaded only when configured (so SQLite users never load `pg`). */
interface PostgresModule {
  openPostgresBackend(url: string, options: StorageOptions): Promise<StorageBackend> | StorageBackend;
}

/** Thrown when `DATABASE_URL` asks for PostgreSQL and this build has no PostgreSQL backend. */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}

export async function openStorage(
  config: Pick<Config, 'databasePath' | 'databaseUrl'>,
  options: StorageOptions = {},
): Promise<StorageBackend> {
  if (config.databaseUrl !== undefined) {
    const postgres = await loadPostgres();
    return postgres.openPostgresBackend(config.databaseUrl, options);
  }
  const path = config.databasePath;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return openSqliteBackend(openDatabase(path, undefined, options.onMigrated));
}

// A variable, not a literal: the PostgreSQL backend is built on its own branch, and this build may not have it.
const POSTGRES_MODULE = './postgres/index.js';

async function loadPostgres(): Promise<PostgresModule> {
  try {
    return (await import(POSTGRES_MODULE)) as PostgresModule;
  } catch (error) {
    // Only the module itself missing means "not built"; anything it fails to load (say `pg`) is reported as it is.
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !message.includes('persistence/postgres/index')) throw error;
    throw new StorageUnavailableError(
      'DATABASE_URL selects PostgreSQL, but this build has no PostgreSQL backend yet; unset it to use SQLite.',
    );
  }
}
