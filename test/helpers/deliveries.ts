/**
 * One database seen two ways, for outbox tests: the synchronous repository the test reads
 * and seeds rows with, and the asynchronous stores (through the connection's gate) that the
 * outbox runs on, as in the bot.
 */
import type { OutboxDeps } from '../../src/core/jobs/outbox.js';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import { DeliveriesRepository } from '../../src/persistence/deliveries-repository.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';

export interface DeliveriesDb {
  readonly db: Db;
  /** Synchronous: for seeding and assertions. */
  readonly store: DeliveriesRepository;
  /** What an outbox needs from storage: the async deliveries store. */
  readonly storage: Pick<OutboxDeps, 'store'>;
}

export function deliveriesDb(db: Db = openDatabase(':memory:')): DeliveriesDb {
  const backend = openSqliteBackend(db);
  return {
    db,
    store: new DeliveriesRepository(db),
    storage: { store: backend.stores.deliveries },
  };
}
