/**
 * SQLite implementation of the core's `DeliveryStore` (table `deliveries`, migration 2).
 * Messages and destinations are stored as JSON so a retry after a crash sends exactly
 * what was planned, whatever has changed since.
 */
import type { ConversationRef, Platform } from '../core/context.js';
import {
  destinationScope,
  type DeliveryRecord,
  type DeliveryState,
  type DeliveryStore,
  type PlannedDelivery,
  type ThreadState,
} from '../core/jobs/deliveries.js';
import type { Reply } from '../core/message.js';
import type { Destination } from '../core/ports.js';
import type { Db } from './db.js';
import { statementCache } from './statement-cache.js';

interface Row {
  key: string;
  platform: string;
  tenant_id: string;
  destination: string;
  reply: string;
  thread_name: string | null;
  thread_reply: string | null;
  state: string;
  due_at: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string | null;
  message_id: string | null;
  conversation: string | null;
  thread_state: string;
  thread_conversation: string | null;
  reason: string | null;
}

function toRecord(row: Row): DeliveryRecord {
  const conversation = row.conversation === null ? undefined : (JSON.parse(row.conversation) as ConversationRef);
  return {
    key: row.key,
    platform: row.platform as Platform,
    tenantId: row.tenant_id,
    destination: JSON.parse(row.destination) as Destination,
    reply: JSON.parse(row.reply, reviveDates) as Reply,
    ...(row.thread_name !== null && row.thread_reply !== null
      ? { thread: { name: row.thread_name, reply: JSON.parse(row.thread_reply, reviveDates) as Reply } }
      : {}),
    state: row.state as DeliveryState,
    dueAt: new Date(row.due_at),
    createdAt: new Date(row.created_at),
    attempts: row.attempts,
    ...(row.next_attempt_at !== null ? { nextAttemptAt: new Date(row.next_attempt_at) } : {}),
    ...(row.message_id !== null && conversation ? { posted: { conversation, messageId: row.message_id } } : {}),
    threadState: row.thread_state as ThreadState,
    ...(row.thread_conversation !== null
      ? { threadConversation: JSON.parse(row.thread_conversation) as ConversationRef }
      : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
  };
}

/** Time spans (`{time: Date}`) survive the JSON round trip as Dates. */
function reviveDates(key: string, value: unknown): unknown {
  return key === 'time' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/u.test(value) ? new Date(value) : value;
}

export class DeliveriesRepository implements DeliveryStore {
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
    const { platform, tenantId } = destinationScope(delivery.destination);
    const result = this.#prepare(
      `INSERT INTO deliveries (key, platform, tenant_id, destination, reply, thread_name, thread_reply, state,
           due_at, created_at, updated_at, next_attempt_at, thread_state, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO NOTHING`,
    ).run(
      delivery.key,
      platform,
      tenantId,
      JSON.stringify(delivery.destination),
      JSON.stringify(delivery.reply),
      delivery.thread?.name ?? null,
      delivery.thread ? JSON.stringify(delivery.thread.reply) : null,
      state,
      delivery.dueAt.toISOString(),
      now.toISOString(),
      now.toISOString(),
      state === 'pending' ? now.toISOString() : null,
      delivery.thread && state === 'pending' ? 'wanted' : 'none',
      reason,
    );
    return result.changes === 1;
  }

  get(key: string): DeliveryRecord | undefined {
    const row = this.#prepare('SELECT * FROM deliveries WHERE key = ?').get(key) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  actionable(now: Date, limit: number): readonly DeliveryRecord[] {
    const rows = this.#prepare(
      `SELECT * FROM deliveries
         WHERE (state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
            OR (state = 'sent' AND thread_state = 'wanted')
         ORDER BY due_at, key LIMIT ?`,
    ).all(now.toISOString(), limit) as Row[];
    return rows.map(toRecord);
  }

  recordAttempt(key: string, now: Date): number {
    const row = this.#prepare(
      `UPDATE deliveries SET attempts = attempts + 1, updated_at = ? WHERE key = ? RETURNING attempts`,
    ).get(now.toISOString(), key) as { attempts: number } | undefined;
    if (!row) throw new Error(`no delivery ${key}`);
    return row.attempts;
  }

  markSent(key: string, posted: { conversation: ConversationRef; messageId: string }, now: Date): void {
    this.#prepare(
      `UPDATE deliveries SET state = 'sent', message_id = ?, conversation = ?, next_attempt_at = NULL,
           reason = NULL, updated_at = ? WHERE key = ?`,
    ).run(posted.messageId, JSON.stringify(posted.conversation), now.toISOString(), key);
  }

  retryLater(key: string, nextAttemptAt: Date, reason: string, now: Date): void {
    this.#prepare(
      `UPDATE deliveries SET next_attempt_at = ?, reason = ?, updated_at = ? WHERE key = ? AND state = 'pending'`,
    ).run(nextAttemptAt.toISOString(), reason, now.toISOString(), key);
  }

  reopen(key: string, now: Date): boolean {
    const result = this.#prepare(
      `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, reason = NULL, updated_at = ?
         WHERE key = ? AND state = 'failed'`,
    ).run(now.toISOString(), now.toISOString(), key);
    return result.changes === 1;
  }

  finish(key: string, state: 'failed' | 'skipped', reason: string, now: Date): void {
    this.#prepare(
      `UPDATE deliveries SET state = ?, reason = ?, next_attempt_at = NULL,
           thread_state = CASE thread_state WHEN 'wanted' THEN 'none' ELSE thread_state END, updated_at = ?
         WHERE key = ? AND state = 'pending'`,
    ).run(state, reason, now.toISOString(), key);
  }

  markThread(key: string, state: ThreadState, conversation: ConversationRef | undefined, now: Date): void {
    this.#prepare(`UPDATE deliveries SET thread_state = ?, thread_conversation = ?, updated_at = ? WHERE key = ?`).run(
      state,
      conversation ? JSON.stringify(conversation) : null,
      now.toISOString(),
      key,
    );
  }

  cancelPending(prefix: string, reason: string, now: Date): number {
    // substr instead of LIKE: keys may contain `_` or `%`, which LIKE would treat as wildcards.
    return this.#prepare(
      `UPDATE deliveries SET state = 'skipped', reason = ?, next_attempt_at = NULL, updated_at = ?
         WHERE state = 'pending' AND substr(key, 1, ?) = ?`,
    ).run(reason, now.toISOString(), prefix.length, prefix).changes;
  }

  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
