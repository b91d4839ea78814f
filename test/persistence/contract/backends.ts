/**
 * The contract suite's backends: every case is written once and runs on SQLite always and on PostgreSQL when the
 * run has a server (`test/helpers/postgres.ts`). Each case starts from an empty, migrated database (on
 * PostgreSQL, the test file's own database, emptied). `peer()` opens a
 * second backend on the same database, as a second bot process would (SQLite then uses a file, not memory).
 * Leases follow the caller's clock here, so a manual clock can move past them on both backends; the database
 * clock has its own cases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import type { StorageBackend } from '../../../src/persistence/backend.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openPostgresBackend } from '../../../src/persistence/postgres/index.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres.js';

export type BackendKind = StorageBackend['kind'];

/** A database for one case: its first backend, and more on the same database. */
export interface TestStorage {
  readonly kind: BackendKind;
  readonly backend: StorageBackend;
  /** Another process's backend on the same database (opened with `{ shared: true }` only). */
  peer(): Promise<StorageBackend>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Needed for `peer()`: SQLite on a file instead of in memory. */
  readonly shared?: boolean;
}

async function openSqlite(options: OpenOptions): Promise<TestStorage> {
  const dir = options.shared === true ? mkdtempSync(join(tmpdir(), 'agendabot-contract-')) : undefined;
  const path = dir === undefined ? ':memory:' : join(dir, 'bot.db');
  const opened: StorageBackend[] = [openSqliteBackend(openDatabase(path))];
  return {
    kind: 'sqlite',
    backend: opened[0] as StorageBackend,
    async peer() {
      if (dir === undefined) throw new Error('open the storage with { shared: true } to get a peer');
      const backend = openSqliteBackend(openDatabase(path));
      opened.push(backend);
      return backend;
    },
    async close() {
      for (const backend of opened) await backend.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** This file's PostgreSQL database, made once; each case starts from it emptied (DELETE is quick on small tables). */
let fileDatabase: Promise<string> | undefined;

async function emptied(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'`,
    );
    // Every foreign key cascades, so the order does not matter. Ids start at 1 again, as in a new database.
    await client.query(tables.rows.map((t) => `DELETE FROM ${t.name};`).join('\n'));
    await client.query(
      `SELECT setval(c.oid::regclass, 1, false) FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace`,
    );
  } finally {
    await client.end();
  }
  return url;
}

async function openPostgres(): Promise<TestStorage> {
  fileDatabase ??= createTestDatabase();
  const url = await emptied(await fileDatabase);
  const open = () => openPostgresBackend(url, { leaseClock: 'caller', maxConnections: 4 });
  const opened: StorageBackend[] = [await open()];
  return {
    kind: 'postgres',
    backend: opened[0] as StorageBackend,
    async peer() {
      const backend = await open();
      opened.push(backend);
      return backend;
    },
    async close() {
      for (const backend of opened) await backend.close();
    },
  };
}

export interface BackendUnderTest {
  readonly kind: BackendKind;
  readonly available: boolean;
  open(options?: OpenOptions): Promise<TestStorage>;
}

export const BACKENDS: readonly BackendUnderTest[] = [
  { kind: 'sqlite', available: true, open: (options = {}) => openSqlite(options) },
  { kind: 'postgres', available: postgresAvailable, open: () => openPostgres() },
];

/** `describe(title)` once per backend available in this run, named after it. */
export function describeEachBackend(title: string, cases: (backend: BackendUnderTest) => void): void {
  for (const backend of BACKENDS) describe.runIf(backend.available)(`${title} (${backend.kind})`, () => cases(backend));
}

/** A fresh database for every case of the enclosing `describe`, closed after it. */
export function freshStorage(backend: BackendUnderTest, options: OpenOptions = {}): () => TestStorage {
  let storage: TestStorage | undefined;
  beforeEach(async () => {
    storage = await backend.open(options);
  });
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });
  return () => {
    if (!storage) throw new Error('storage is opened per case');
    return storage;
  };
}
