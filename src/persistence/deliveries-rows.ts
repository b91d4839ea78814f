/**
 * The `deliveries` table's rows and their mapping to the core's `DeliveryRecord` (one
 * `toRecord` for the table, as for every repository).
 */
import type { ConversationRef, Platform } from '../core/context.js';
import type { DeliveryRecord, DeliveryState, ThreadState } from '../core/jobs/deliveries.js';
import type { Reply } from '../core/message.js';
import type { Destination } from '../core/ports.js';

export interface Row {
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
  claimed_by: string | null;
  lease_until: string | null;
}

export function leaseEnd(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}

export function toRecord(row: Row): DeliveryRecord {
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
