/**
 * The stores as one unit: what a transaction may use, and how one is run. Every backend
 * (SQLite, PostgreSQL) implements these; the core never sees SQL or a driver.
 */
import type { DeliveryStore } from './jobs/deliveries.js';
import type { SubscriptionStore } from './features/weekly-question/model.js';
import type { ReadingGroupStore } from './features/reading-groups/store.js';
import type { CalendarStore } from './features/calendar/store.js';
import type { InlineReplyLedger } from './features/inline-references/ledger.js';
import type { IntroductionStore } from './features/introductions/model.js';
import type { TenantSuspensionStore } from './tenants/store.js';

/** The repositories a transaction may use, all bound to that transaction. */
export interface Stores {
  readonly deliveries: DeliveryStore;
  readonly subscriptions: SubscriptionStore;
  readonly readingGroups: ReadingGroupStore;
  readonly calendars: CalendarStore;
  readonly inlineReplies: InlineReplyLedger;
  readonly introductions: IntroductionStore;
  /** What the bot paused for tenants that removed the app (added with the Slack OAuth work). */
  readonly suspensions: TenantSuspensionStore;
}

/**
 * Runs `work` in one write transaction (BEGIN IMMEDIATE on SQLite; on PostgreSQL one pooled client,
 * READ COMMITTED with row locks or SERIALIZABLE with a retry, the backend's choice). Commits when it resolves,
 * rolls back when it rejects. `work` uses only `tx`, never the outer stores: on SQLite an outer store waits
 * for the transaction to end, so awaiting one inside `work` would never finish.
 */
export interface UnitOfWork {
  atomically<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
}
