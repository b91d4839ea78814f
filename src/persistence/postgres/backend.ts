/**
 * The PostgreSQL storage backend: a pool, the schema brought up to date (under an advisory lock), the stores,
 * `atomically` on one pooled client, and search. `DATABASE_URL=postgres://…` selects it (`openStorage`).
 */
import type { Agenda } from '../../core/agenda/model.js';
import type { Stores, UnitOfWork } from '../../core/store.js';
import type { StorageBackend } from '../backend.js';
import { ensurePostgresIndexed, createPostgresSearch } from './agenda-index.js';
import { PostgresCalendars } from './calendar-repository.js';
import { createPool, inTransaction, poolExecutor, type Executor, type PoolOptions } from './connection.js';
import { PostgresDeliveries } from './deliveries-repository.js';
import { PostgresInlineReplies } from './inline-replies-repository.js';
import { PostgresIntroductions } from './introductions-repository.js';
import { leaseClock, type LeaseClock, type LeaseClockKind } from './lease-clock.js';
import { migratePostgres } from './migrate.js';
import { sql } from './sql.js';
import { PostgresReadingGroups } from './reading-groups-repository.js';
import { PostgresSubscriptions } from './subscriptions-repository.js';
import { PostgresTenantSuspensions } from './tenant-suspensions-repository.js';
import { PostgresSlackInstallations } from './slack-installations-repository.js';

export interface PostgresBackendOptions extends PoolOptions {
  /** Leases by the database's clock (default) or by the `now` the caller passes (tests with a manual clock). */
  readonly leaseClock?: LeaseClockKind;
  /** Learns how many migrations this process applied (0 when another process had applied them). */
  readonly onMigrated?: (applied: number, version: number) => void;
}

function storesOn(db: Executor, clock: LeaseClock): Stores {
  return {
    deliveries: new PostgresDeliveries(db, clock),
    subscriptions: new PostgresSubscriptions(db),
    readingGroups: new PostgresReadingGroups(db),
    calendars: new PostgresCalendars(db),
    inlineReplies: new PostgresInlineReplies(db),
    introductions: new PostgresIntroductions(db),
    suspensions: new PostgresTenantSuspensions(db),
  };
}

export async function openPostgresBackend(url: string, options: PostgresBackendOptions = {}): Promise<StorageBackend> {
  const pool = createPool(url, options);
  try {
    const outcome = await migratePostgres(pool);
    options.onMigrated?.(outcome.applied, outcome.version);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const clock = leaseClock(options.leaseClock ?? 'database');
  const db = poolExecutor(pool);
  // READ COMMITTED with row locks: the claims lock what they take, counts are counted inside their statement.
  const unitOfWork: UnitOfWork = {
    atomically: (work) => inTransaction(pool, (tx) => work(storesOn(tx, clock))),
  };
  let closed = false;
  return {
    kind: 'postgres',
    stores: storesOn(db, clock),
    unitOfWork,
    search: createPostgresSearch(db),
    ensureIndexed: (agenda: Agenda, contentHash: string, now: Date) =>
      ensurePostgresIndexed(db, agenda, contentHash, now),
    installations: (keys) => new PostgresSlackInstallations(db, keys),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    async ping() {
      await db.rows(sql`SELECT 1`);
    },
  };
}
