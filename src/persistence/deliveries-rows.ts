/**
 * The `deliveries` table's rows and their mapping to the core's `DeliveryRecord` (one
 * `toRecord` for the table, as for every repository).
 */
import type { ConversationRef, Platform } from '../core/context.js';
import {
  destinationScope,
  type DeliveryRecord,
  type DeliveryState,
  type PlannedDelivery,
  type ThreadState,
} from '../core/jobs/deliveries.js';
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

/** The columns a planned delivery fills, in the order of `plannedParams`; the same on both backends. */
export const PLANNED_COLUMNS = [
  'key',
  'platform',
  'tenant_id',
  'destination',
  'reply',
  'thread_name',
  'thread_reply',
  'state',
  'due_at',
  'created_at',
  'updated_at',
  'next_attempt_at',
  'thread_state',
  'reason',
] as const;

/** A planned delivery's values for `PLANNED_COLUMNS`, in their order. */
export function plannedParams(
  delivery: PlannedDelivery,
  state: DeliveryState,
  reason: string | null,
  now: Date,
): (string | null)[] {
  const { platform, tenantId } = destinationScope(delivery.destination);
  const at = now.toISOString();
  const pending = state === 'pending';
  return [
    delivery.key,
    platform,
    tenantId,
    JSON.stringify(delivery.destination),
    JSON.stringify(delivery.reply),
    delivery.thread?.name ?? null,
    delivery.thread ? JSON.stringify(delivery.thread.reply) : null,
    state,
    delivery.dueAt.toISOString(),
    at,
    at,
    pending ? (delivery.notBefore ?? now).toISOString() : null,
    delivery.thread && pending ? 'wanted' : 'none',
    reason,
  ];
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
