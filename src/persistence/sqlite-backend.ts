/**
 * The SQLite backend: the synchronous repositories over one better-sqlite3 connection,
 * served as the core's asynchronous ports through the connection's gate (`sqlite-gate.ts`).
 * Each outer call is one statement or one short synchronous transaction, atomic on its own;
 * `unitOfWork.atomically` holds the connection for its work, in `BEGIN IMMEDIATE … COMMIT`.
 */
import type { Agenda } from '../core/agenda/model.js';
import type { AgendaSearch } from '../core/agenda/search.js';
import type { CalendarStore } from '../core/features/calendar/store.js';
import type { InlineReplyLedger } from '../core/features/inline-references/ledger.js';
import type { IntroductionStore } from '../core/features/introductions/model.js';
import type { ReadingGroupStore } from '../core/features/reading-groups/store.js';
import type { SubscriptionStore } from '../core/features/weekly-question/model.js';
import type { DeliveryStore } from '../core/jobs/deliveries.js';
import type { Stores } from '../core/store.js';
import type { TenantSuspensionStore } from '../core/tenants/store.js';
import type { StorageBackend } from './backend.js';
import { createAgendaSearch, ensureIndexed } from './agenda-index.js';
import { SqliteCalendarStore } from './calendar-repository.js';
import type { Db } from './db.js';
import { DeliveriesRepository } from './deliveries-repository.js';
import { InlineRepliesRepository } from './inline-replies-repository.js';
import { IntroductionsRepository } from './introductions-repository.js';
import { SqliteReadingGroupStore } from './reading-groups-repository.js';
import { asyncPort, gateOf, type Runner } from './sqlite-gate.js';
import { SubscriptionsRepository } from './subscriptions-repository.js';
import { TenantSuspensionsRepository } from './tenant-suspensions-repository.js';
import { SlackInstallationsRepository } from './slack-installations-repository.js';
import type { InstallationVault } from './installation-vault.js';

export interface SqliteBackend extends StorageBackend {
  readonly kind: 'sqlite';
  /** The connection, for what only SQLite has (the Slack installation store, maintenance, tests). */
  readonly db: Db;
}

/** Serves an open, migrated database (`openDatabase`). `close()` closes it. */
export function openSqliteBackend(db: Db): SqliteBackend {
  const gate = gateOf(db);
  // One set of repositories (and prepared statements) for the connection; only the runner differs.
  const repositories = {
    deliveries: new DeliveriesRepository(db),
    subscriptions: new SubscriptionsRepository(db),
    readingGroups: new SqliteReadingGroupStore(db),
    calendars: new SqliteCalendarStore(db),
    inlineReplies: new InlineRepliesRepository(db),
    introductions: new IntroductionsRepository(db),
    suspensions: new TenantSuspensionsRepository(db),
  };
  const storesThrough = (run: Runner): Stores => ({
    deliveries: asyncPort<DeliveryStore>(repositories.deliveries, run),
    subscriptions: asyncPort<SubscriptionStore>(repositories.subscriptions, run),
    readingGroups: asyncPort<ReadingGroupStore>(repositories.readingGroups, run),
    calendars: asyncPort<CalendarStore>(repositories.calendars, run),
    inlineReplies: asyncPort<InlineReplyLedger>(repositories.inlineReplies, run),
    introductions: asyncPort<IntroductionStore>(repositories.introductions, run),
    suspensions: asyncPort<TenantSuspensionStore>(repositories.suspensions, run),
  });
  const search = createAgendaSearch(db);
  return {
    kind: 'sqlite',
    db,
    stores: storesThrough(gate.run),
    unitOfWork: { atomically: (work) => gate.transaction((run) => work(storesThrough(run))) },
    search: asyncPort<AgendaSearch>(search, gate.run),
    ensureIndexed: (agenda: Agenda, contentHash: string, now: Date) =>
      gate.run(() => ensureIndexed(db, agenda, contentHash, now)),
    // Through the gate too, so no installation write can land inside another flow's open transaction.
    installations: (keys) => asyncPort<InstallationVault>(new SlackInstallationsRepository(db, keys), gate.run),
    close: () => gate.run(() => void db.close()),
    // Through the gate, so a ping waits behind (and so notices) a transaction that holds the connection.
    ping: () => gate.run(() => void db.prepare('SELECT 1').get()),
  };
}
