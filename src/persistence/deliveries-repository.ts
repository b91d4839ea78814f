/**
 * SQLite implementation of the core's `DeliveryStore` (table `deliveries`, migration 2), synchronous;
 * `openSqliteBackend` serves it as the asynchronous port, each call on its own and atomic.
 * Messages and destinations are stored as JSON so a retry after a crash sends exactly
 * what was planned, whatever has changed since.
 */
import type { ConversationRef, Platform } from '../core/context.js';
import type {
  DeliveryRecord,
  DeliveryState,
  DeliveryStore,
  PlanEntry,
  PlannedDelivery,
  RetryPlan,
  SentEntry,
  ThreadEntry,
  ThreadOpening,
  ThreadRecorded,
  ThreadState,
} from '../core/jobs/deliveries.js';
import type { PostedMessage } from '../core/ports.js';
import type { Db } from './db.js';
import { leaseEnd, PLANNED_COLUMNS, plannedParams, toRecord, type Row } from './deliveries-rows.js';
import type { Synchronous } from './sqlite-gate.js';
import { ACTIONABLE, claimSql } from './deliveries-claim-sql.js';
import { statementCache } from './statement-cache.js';

const INSERT_PLANNED = `INSERT INTO deliveries (${PLANNED_COLUMNS.join(', ')})
  VALUES (${PLANNED_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (key) DO NOTHING`;

export class DeliveriesRepository implements Synchronous<DeliveryStore> {
  readonly #prepare: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.#prepare = statementCache(db);
  }

  plan(delivery: PlannedDelivery, now: Date): boolean {
    return this.#insert(delivery, 'pending', null, now);
  }

  recordSkipped(delivery: PlannedDelivery, reason: string, now: Date): boolean {
    return this.#insert(delivery, 'skipped', reason, now);
  }

  #insert(delivery: PlannedDelivery, state: DeliveryState, reason: string | null, now: Date): boolean {
    const result = this.#prepare(INSERT_PLANNED).run(...plannedParams(delivery, state, reason, now));
    return result.changes === 1;
  }

  get(key: string): DeliveryRecord | undefined {
    const row = this.#prepare('SELECT * FROM deliveries WHERE key = ?').get(key) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  claim(
    holder: string,
    platforms: readonly Platform[],
    now: Date,
    leaseMs: number,
    limit: number,
  ): readonly DeliveryRecord[] {
    if (platforms.length === 0 || limit <= 0) return [];
    const at = now.toISOString();
    // One statement: SQLite runs it under its single writer lock, so two processes never claim one row.
    const rows = this.#prepare(claimSql(platforms.length)).all(
      holder,
      leaseEnd(now, leaseMs),
      at,
      at,
      at,
      ...platforms,
      limit,
    ) as Row[];
    // RETURNING promises no order.
    return rows.map(toRecord).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : 1));
  }

  claimKey(key: string, holder: string, now: Date, leaseMs: number): DeliveryRecord | undefined {
    const row = this.#prepare(
      `UPDATE deliveries SET claimed_by = ?, lease_until = ?
         WHERE key = ? AND (lease_until IS NULL OR lease_until <= ? OR claimed_by = ?)
         RETURNING *`,
    ).get(holder, leaseEnd(now, leaseMs), key, now.toISOString(), holder) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  reopen(key: string, now: Date): boolean {
    const result = this.#prepare(
      `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, reason = NULL, updated_at = ?,
           claimed_by = NULL, lease_until = NULL
         WHERE key = ? AND state = 'failed'`,
    ).run(now.toISOString(), now.toISOString(), key);
    return result.changes === 1;
  }

  release(key: string, holder: string): void {
    this.#prepare(`UPDATE deliveries SET claimed_by = NULL, lease_until = NULL WHERE key = ? AND claimed_by = ?`).run(
      key,
      holder,
    );
  }

  nextDueAt(platforms: readonly Platform[]): Date | undefined {
    if (platforms.length === 0) return undefined;
    const row = this.#prepare(
      // A row under someone else's lease becomes available when the lease runs out (if its holder died).
      `SELECT MIN(CASE WHEN lease_until > COALESCE(next_attempt_at, due_at) THEN lease_until
                       ELSE COALESCE(next_attempt_at, due_at) END) AS at
         FROM deliveries
         WHERE ${ACTIONABLE}
           AND platform IN (${platforms.map(() => '?').join(', ')})`,
    ).get(...platforms) as { at: string | null } | undefined;
    return row?.at ? new Date(row.at) : undefined;
  }

  /**
   * Committed at `synchronous = FULL`: the platform call follows, so this must survive a power
   * loss (its fsync also covers every earlier commit). Renews the lease, so the claim is fresh
   * when the post goes out. Called on its own, never inside `atomically`: its own statement is
   * its commit (inside a transaction, the COMMIT would come after the level is set back).
   */
  recordAttempt(key: string, holder: string, now: Date, leaseMs?: number): number | undefined {
    return this.recordAttempts([key], holder, now, leaseMs).get(key);
  }

  /**
   * `recordAttempt` for several deliveries in one transaction, so they share one fsync (a group
   * commit): the fsync blocks this process and holds the write lock every other process waits on.
   */
  recordAttempts(keys: readonly string[], holder: string, now: Date, leaseMs?: number): Map<string, number> {
    const statement = this.#prepare(
      `UPDATE deliveries SET attempts = attempts + 1, updated_at = ?, lease_until = COALESCE(?, lease_until)
         WHERE key = ? AND claimed_by = ? RETURNING attempts`,
    );
    const lease = leaseMs === undefined ? null : leaseEnd(now, leaseMs);
    const counted = new Map<string, number>();
    this.db.pragma('synchronous = FULL');
    try {
      // IMMEDIATE, as every write transaction here: the write lock first, never an upgrade from a read.
      this.db
        .transaction(() => {
          for (const key of keys) {
            const row = statement.get(now.toISOString(), lease, key, holder) as { attempts: number } | undefined;
            if (row) counted.set(key, row.attempts);
          }
        })
        .immediate();
      return counted;
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  markSent(key: string, holder: string, posted: PostedMessage, now: Date, release = false): boolean {
    const claim = release ? ', claimed_by = NULL, lease_until = NULL' : '';
    return (
      this.#prepare(
        `UPDATE deliveries SET state = 'sent', message_id = ?, conversation = ?, next_attempt_at = NULL,
             reason = NULL, updated_at = ?${claim} WHERE key = ? AND claimed_by = ?`,
      ).run(posted.messageId, JSON.stringify(posted.conversation), now.toISOString(), key, holder).changes === 1
    );
  }

  retryLater(key: string, holder: string, retry: RetryPlan, now: Date): boolean {
    // The claim goes with it: the row is claimable again at `at`, by any process.
    return (
      this.#prepare(
        `UPDATE deliveries SET next_attempt_at = ?, reason = COALESCE(?, reason), updated_at = ?,
             attempts = CASE WHEN ? = 1 AND attempts > 0 THEN attempts - 1 ELSE attempts END,
             claimed_by = NULL, lease_until = NULL
           WHERE key = ? AND claimed_by = ? AND state IN ('pending', 'sent')`,
      ).run(retry.at.toISOString(), retry.reason ?? null, now.toISOString(), retry.uncount ? 1 : 0, key, holder)
        .changes === 1
    );
  }

  finish(key: string, holder: string, state: 'failed' | 'skipped', reason: string, now: Date): boolean {
    return (
      this.#prepare(
        `UPDATE deliveries SET state = ?, reason = ?, next_attempt_at = NULL,
             thread_state = CASE thread_state WHEN 'wanted' THEN 'none' ELSE thread_state END, updated_at = ?
           WHERE key = ? AND claimed_by = ? AND state = 'pending'`,
      ).run(state, reason, now.toISOString(), key, holder).changes === 1
    );
  }

  markThread(key: string, holder: string, state: ThreadState, thread: ConversationRef | undefined, now: Date): boolean {
    return (
      this.#prepare(
        `UPDATE deliveries SET thread_state = ?, thread_conversation = ?, updated_at = ?
           WHERE key = ? AND claimed_by = ?`,
      ).run(state, thread ? JSON.stringify(thread) : null, now.toISOString(), key, holder).changes === 1
    );
  }

  recordThread(key: string, holder: string, opening: ThreadOpening, now: Date, leaseMs: number): ThreadRecorded {
    // A savepoint when called inside `atomically`, a transaction of its own otherwise.
    return this.db
      .transaction((): ThreadRecorded => {
        const marked = this.#prepare(
          `UPDATE deliveries SET thread_state = ?, thread_conversation = ?, updated_at = ?,
               claimed_by = NULL, lease_until = NULL
             WHERE key = ? AND claimed_by = ?`,
        ).run(opening.state, opening.thread ? JSON.stringify(opening.thread) : null, now.toISOString(), key, holder);
        if (marked.changes !== 1) return { marked: false };
        const first = opening.firstMessage;
        if (first === undefined) return { marked: true };
        this.plan(first, now);
        const claimed = this.claimKey(first.key, holder, now, leaseMs);
        return claimed ? { marked: true, firstMessage: claimed } : { marked: true };
      })
      .immediate();
  }

  acquireLease(name: string, holder: string, now: Date, leaseMs: number): boolean {
    // Taken when free or expired, renewed by its holder; the same statement runs on PostgreSQL.
    const row = this.#prepare(
      `INSERT INTO scheduler_leases (name, holder, lease_until) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
           WHERE scheduler_leases.holder = excluded.holder OR scheduler_leases.lease_until <= ?
         RETURNING holder`,
    ).get(name, holder, leaseEnd(now, leaseMs), now.toISOString()) as { holder: string } | undefined;
    return row?.holder === holder;
  }

  releaseLease(name: string, holder: string): void {
    this.#prepare(`DELETE FROM scheduler_leases WHERE name = ? AND holder = ?`).run(name, holder);
  }

  leaseHeld(name: string, now: Date): boolean {
    const held = this.#prepare(`SELECT 1 FROM scheduler_leases WHERE name = ? AND lease_until > ?`);
    return held.get(name, now.toISOString()) !== undefined;
  }

  cancelPending(prefix: string, reason: string, now: Date): number {
    // substr instead of LIKE: keys may contain `_` or `%`, which LIKE would treat as wildcards.
    return this.#prepare(
      `UPDATE deliveries SET state = 'skipped', reason = ?, next_attempt_at = NULL, updated_at = ?
         WHERE state = 'pending' AND substr(key, 1, ?) = ?`,
    ).run(reason, now.toISOString(), prefix.length, prefix).changes;
  }

  existingKeys(keys: readonly string[]): ReadonlySet<string> {
    if (keys.length === 0) return new Set();
    const rows = this.#prepare('SELECT key FROM deliveries WHERE key IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(keys),
    ) as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  planAll(entries: readonly PlanEntry[], now: Date): ReadonlySet<string> {
    const written = new Set<string>();
    // In-process statements cost no round trip: one insert each, in one transaction.
    this.#inOneTransaction(entries, ({ delivery, skippedReason }) => {
      const state = skippedReason === undefined ? 'pending' : 'skipped';
      if (this.#insert(delivery, state, skippedReason ?? null, now)) written.add(delivery.key);
    });
    return written;
  }

  markSentAll(entries: readonly SentEntry[], holder: string, now: Date): ReadonlySet<string> {
    const marked = new Set<string>();
    this.#inOneTransaction(entries, ({ key, posted, release }) => {
      if (this.markSent(key, holder, posted, now, release)) marked.add(key);
    });
    return marked;
  }

  recordThreads(
    entries: readonly ThreadEntry[],
    holder: string,
    now: Date,
    leaseMs: number,
  ): ReadonlyMap<string, ThreadRecorded> {
    const recorded = new Map<string, ThreadRecorded>();
    this.#inOneTransaction(entries, ({ key, opening }) => {
      const step = this.recordThread(key, holder, opening, now, leaseMs);
      if (step.marked) recorded.set(key, step);
    });
    return recorded;
  }

  /** One transaction for a batch, so one commit and one turn of the write lock (a savepoint inside `atomically`). */
  #inOneTransaction<T>(entries: readonly T[], step: (entry: T) => void): void {
    this.db
      .transaction(() => {
        for (const entry of entries) step(entry);
      })
      .immediate();
  }
}
