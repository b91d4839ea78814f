/**
 * PostgreSQL implementation of `DeliveryStore` (table `deliveries`). The rows have SQLite's shape, so the SQLite
 * repository's mapper reads them. Claims lock their rows with `FOR UPDATE SKIP LOCKED`: processes claiming at the
 * same moment take different rows instead of waiting for each other, and a row another process claimed since
 * this statement's snapshot is re-checked under its lock and passed over. Every write made while working names
 * the holder (fenced): a process whose lease was taken over changes nothing.
 */
import type { ConversationRef, Platform } from '../../core/context.js';
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
} from '../../core/jobs/deliveries.js';
import type { PostedMessage } from '../../core/ports.js';
import { toRecord, type Row } from '../deliveries-rows.js';
import type { Executor } from './connection.js';
import type { LeaseClock } from './lease-clock.js';
import { byDueThenKey, PLANNED, plannedColumns, plannedValues } from './delivery-params.js';
import { sql } from './sql.js';
import { recordThreadsSql } from './thread-steps.js';

export class PostgresDeliveries implements DeliveryStore {
  constructor(
    private readonly db: Executor,
    private readonly clock: LeaseClock,
  ) {}

  async plan(delivery: PlannedDelivery, now: Date): Promise<boolean> {
    return this.#insert(delivery, 'pending', null, now);
  }

  async recordSkipped(delivery: PlannedDelivery, reason: string, now: Date): Promise<boolean> {
    return this.#insert(delivery, 'skipped', reason, now);
  }

  async #insert(delivery: PlannedDelivery, state: DeliveryState, reason: string | null, now: Date): Promise<boolean> {
    const changed = await this.db.run(sql`
      INSERT INTO deliveries (${PLANNED}) VALUES (${plannedValues(delivery, state, reason, now)})
        ON CONFLICT (key) DO NOTHING`);
    return changed === 1;
  }

  async get(key: string): Promise<DeliveryRecord | undefined> {
    const row = await this.db.row<Row>(sql`SELECT * FROM deliveries WHERE key = ${key}`);
    return row ? toRecord(row) : undefined;
  }

  async claim(
    holder: string,
    platforms: readonly Platform[],
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<readonly DeliveryRecord[]> {
    if (platforms.length === 0 || limit <= 0) return [];
    const at = now.toISOString();
    const rows = await this.db.rows<Row>(sql`
      UPDATE deliveries SET claimed_by = ${holder}, lease_until = ${this.clock.after(now, leaseMs)}
        WHERE key IN (
          -- The first term repeats the claim-order index's predicate (migration 009) so the planner may use it;
          -- the lease clock in a sub-select is read once, not once per row passed over.
          SELECT key FROM deliveries
           WHERE (state = 'pending' OR (state = 'sent' AND thread_state = 'wanted'))
             AND ((state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ${at}))
                  OR (state = 'sent' AND thread_state = 'wanted'
                      AND (next_attempt_at IS NULL OR next_attempt_at <= ${at})))
             AND (lease_until IS NULL OR lease_until <= (SELECT ${this.clock.now(now)}::text))
             AND platform = ANY(${[...platforms]}::text[])
           ORDER BY due_at, key LIMIT ${limit}
           FOR UPDATE SKIP LOCKED)
        RETURNING *`);
    return rows.map(toRecord).sort(byDueThenKey);
  }

  async claimKey(key: string, holder: string, now: Date, leaseMs: number): Promise<DeliveryRecord | undefined> {
    const row = await this.db.row<Row>(sql`
      UPDATE deliveries SET claimed_by = ${holder}, lease_until = ${this.clock.after(now, leaseMs)}
        WHERE key = ${key} AND (lease_until IS NULL OR lease_until <= ${this.clock.now(now)} OR claimed_by = ${holder})
        RETURNING *`);
    return row ? toRecord(row) : undefined;
  }

  async reopen(key: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const changed = await this.db.run(sql`
      UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ${at}, reason = NULL,
          updated_at = ${at}, claimed_by = NULL, lease_until = NULL
        WHERE key = ${key} AND state = 'failed'`);
    return changed === 1;
  }

  async release(key: string, holder: string): Promise<void> {
    await this.db.run(
      sql`UPDATE deliveries SET claimed_by = NULL, lease_until = NULL WHERE key = ${key} AND claimed_by = ${holder}`,
    );
  }

  async nextDueAt(platforms: readonly Platform[]): Promise<Date | undefined> {
    if (platforms.length === 0) return undefined;
    const row = await this.db.row<{ at: string | null }>(sql`
      SELECT MIN(CASE WHEN lease_until > COALESCE(next_attempt_at, due_at) THEN lease_until
                      ELSE COALESCE(next_attempt_at, due_at) END) AS at
        FROM deliveries
        WHERE (state = 'pending' OR (state = 'sent' AND thread_state = 'wanted'))
          AND platform = ANY(${[...platforms]}::text[])`);
    return row?.at ? new Date(row.at) : undefined;
  }

  /** Committed before the platform call (synchronous_commit is the server's: on by default, durable). */
  async recordAttempt(key: string, holder: string, now: Date, leaseMs?: number): Promise<number | undefined> {
    const lease = leaseMs === undefined ? sql`lease_until` : this.clock.after(now, leaseMs);
    const row = await this.db.row<{ attempts: number }>(sql`
      UPDATE deliveries SET attempts = attempts + 1, updated_at = ${now.toISOString()}, lease_until = ${lease}
        WHERE key = ${key} AND claimed_by = ${holder} RETURNING attempts`);
    return row?.attempts;
  }

  /** `recordAttempt` for several keys in one statement (one commit); keys whose claim is lost are absent. */
  async recordAttempts(
    keys: readonly string[],
    holder: string,
    now: Date,
    leaseMs?: number,
  ): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const lease = leaseMs === undefined ? sql`lease_until` : this.clock.after(now, leaseMs);
    const rows = await this.db.rows<{ key: string; attempts: number }>(sql`
      UPDATE deliveries SET attempts = attempts + 1, updated_at = ${now.toISOString()}, lease_until = ${lease}
        WHERE key = ANY(${[...keys]}::text[]) AND claimed_by = ${holder} RETURNING key, attempts`);
    return new Map(rows.map((r) => [r.key, r.attempts]));
  }

  async markSent(key: string, holder: string, posted: PostedMessage, now: Date, release = false): Promise<boolean> {
    const claim = release ? sql`, claimed_by = NULL, lease_until = NULL` : sql``;
    const changed = await this.db.run(sql`
      UPDATE deliveries SET state = 'sent', message_id = ${posted.messageId},
          conversation = ${JSON.stringify(posted.conversation)}, next_attempt_at = NULL, reason = NULL,
          updated_at = ${now.toISOString()}${claim}
        WHERE key = ${key} AND claimed_by = ${holder}`);
    return changed === 1;
  }

  async retryLater(key: string, holder: string, retry: RetryPlan, now: Date): Promise<boolean> {
    // The claim goes with it: the row is claimable again at `at`, by any process.
    const changed = await this.db.run(sql`
      UPDATE deliveries SET next_attempt_at = ${retry.at.toISOString()}, reason = COALESCE(${retry.reason ?? null}, reason),
          updated_at = ${now.toISOString()},
          attempts = CASE WHEN ${retry.uncount === true} AND attempts > 0 THEN attempts - 1 ELSE attempts END,
          claimed_by = NULL, lease_until = NULL
        WHERE key = ${key} AND claimed_by = ${holder} AND state IN ('pending', 'sent')`);
    return changed === 1;
  }

  async finish(key: string, holder: string, state: 'failed' | 'skipped', reason: string, now: Date): Promise<boolean> {
    const changed = await this.db.run(sql`
      UPDATE deliveries SET state = ${state}, reason = ${reason}, next_attempt_at = NULL,
          thread_state = CASE thread_state WHEN 'wanted' THEN 'none' ELSE thread_state END,
          updated_at = ${now.toISOString()}
        WHERE key = ${key} AND claimed_by = ${holder} AND state = 'pending'`);
    return changed === 1;
  }

  async markThread(
    key: string,
    holder: string,
    state: ThreadState,
    thread: ConversationRef | undefined,
    now: Date,
  ): Promise<boolean> {
    const changed = await this.db.run(sql`
      UPDATE deliveries SET thread_state = ${state}, thread_conversation = ${thread ? JSON.stringify(thread) : null},
          updated_at = ${now.toISOString()}
        WHERE key = ${key} AND claimed_by = ${holder}`);
    return changed === 1;
  }

  /** One statement, so one round trip and one commit (`recordThreads` for this post alone). */
  async recordThread(
    key: string,
    holder: string,
    opening: ThreadOpening,
    now: Date,
    leaseMs: number,
  ): Promise<ThreadRecorded> {
    return (await this.recordThreads([{ key, opening }], holder, now, leaseMs)).get(key) ?? { marked: false };
  }

  async acquireLease(name: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    // Taken when free or expired, renewed by its holder; one statement, so two processes never both win.
    const row = await this.db.row<{ holder: string }>(sql`
      INSERT INTO scheduler_leases (name, holder, lease_until) VALUES (${name}, ${holder}, ${this.clock.after(now, leaseMs)})
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
          WHERE scheduler_leases.holder = excluded.holder OR scheduler_leases.lease_until <= ${this.clock.now(now)}
        RETURNING holder`);
    return row?.holder === holder;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db.run(sql`DELETE FROM scheduler_leases WHERE name = ${name} AND holder = ${holder}`);
  }

  async leaseHeld(name: string, now: Date): Promise<boolean> {
    const row = await this.db.row(
      sql`SELECT 1 FROM scheduler_leases WHERE name = ${name} AND lease_until > ${this.clock.now(now)}`,
    );
    return row !== undefined;
  }

  async cancelPending(prefix: string, reason: string, now: Date): Promise<number> {
    // substr instead of LIKE: keys may contain `_` or `%`, which LIKE would treat as wildcards.
    return this.db.run(sql`
      UPDATE deliveries SET state = 'skipped', reason = ${reason}, next_attempt_at = NULL, updated_at = ${now.toISOString()}
        WHERE state = 'pending' AND substr(key, 1, ${prefix.length}::int) = ${prefix}`);
  }

  async existingKeys(keys: readonly string[]): Promise<ReadonlySet<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.db.rows<{ key: string }>(
      sql`SELECT key FROM deliveries WHERE key = ANY(${[...keys]}::text[])`,
    );
    return new Set(rows.map((r) => r.key));
  }

  async planAll(entries: readonly PlanEntry[], now: Date): Promise<ReadonlySet<string>> {
    if (entries.length === 0) return new Set();
    const rows = await this.db.rows<{ key: string }>(sql`
      INSERT INTO deliveries (${PLANNED}) SELECT * FROM unnest(${plannedColumns(entries, now)})
        ON CONFLICT (key) DO NOTHING RETURNING key`);
    return new Set(rows.map((r) => r.key));
  }

  /** `markSent` for each entry, as one statement over arrays (one text, prepared once, whatever the count). */
  async markSentAll(entries: readonly SentEntry[], holder: string, now: Date): Promise<ReadonlySet<string>> {
    if (entries.length === 0) return new Set();
    const at = now.toISOString();
    const rows = await this.db.rows<{ key: string }>(sql`
      UPDATE deliveries d SET state = 'sent', message_id = s.message_id, conversation = s.conversation,
          next_attempt_at = NULL, reason = NULL, updated_at = ${at},
          claimed_by = CASE WHEN s.release THEN NULL ELSE d.claimed_by END,
          lease_until = CASE WHEN s.release THEN NULL ELSE d.lease_until END
        FROM unnest(${entries.map((e) => e.key)}::text[], ${entries.map((e) => e.posted.messageId)}::text[],
                    ${entries.map((e) => JSON.stringify(e.posted.conversation))}::text[],
                    ${entries.map((e) => e.release)}::boolean[]) AS s(key, message_id, conversation, release)
        WHERE d.key = s.key AND d.claimed_by = ${holder}
        RETURNING d.key`);
    return new Set(rows.map((r) => r.key));
  }

  async recordThreads(
    entries: readonly ThreadEntry[],
    holder: string,
    now: Date,
    leaseMs: number,
  ): Promise<ReadonlyMap<string, ThreadRecorded>> {
    if (entries.length === 0) return new Map();
    const rows = await this.db.rows<Row & { marked_key: string }>(
      recordThreadsSql(entries, holder, now, leaseMs, this.clock),
    );
    return new Map(
      rows.map((row) => [
        row.marked_key,
        row.key === null ? { marked: true } : { marked: true, firstMessage: toRecord(row) },
      ]),
    );
  }
}
