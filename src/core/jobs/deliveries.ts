/**
 * The record of every scheduled post, keyed so that each post happens exactly once
 * across crashes and restarts. Keys name the post, not the attempt:
 * `digest:<subscriptionId>:<localWeek>`, `rg:<group>:<session>:kickoff|reminder|thread`.
 *
 * Life of a delivery: `pending` is written (with the exact message) before any
 * platform call; each attempt is counted before the call is made, so a pending row
 * with attempts > 0 may already be on the platform and is reconciled
 * (`DeliveryPort.findPosted`) before it is tried again; `sent` records the platform's
 * message id. `failed` and `skipped` carry a reason and are final.
 */
import type { ConversationRef, Platform } from '../context.js';
import type { Reply } from '../message.js';
import type { Destination, PostedMessage } from '../ports.js';

export type DeliveryState = 'pending' | 'sent' | 'failed' | 'skipped';

/** A discussion thread to open under the post once it is sent, with its first message. */
export interface ThreadPlan {
  readonly name: string;
  readonly reply: Reply;
}

/** The thread's progress: `wanted` until opened; `unavailable` where the platform has none (Discord DMs). */
export type ThreadState = 'none' | 'wanted' | 'opened' | 'unavailable' | 'failed';

export interface PlannedDelivery {
  readonly key: string;
  readonly destination: Destination;
  readonly reply: Reply;
  /** When the post was meant to happen (the scheduled instant, or now for "post now"). */
  readonly dueAt: Date;
  readonly thread?: ThreadPlan;
}

export interface DeliveryRecord extends PlannedDelivery {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly state: DeliveryState;
  readonly createdAt: Date;
  readonly attempts: number;
  readonly nextAttemptAt?: Date;
  readonly posted?: PostedMessage;
  readonly threadState: ThreadState;
  readonly threadConversation?: ConversationRef;
  readonly reason?: string;
}

/** Implemented in `src/persistence/deliveries-repository.ts`. All methods are synchronous (SQLite). */
export interface DeliveryStore {
  /** Records a post as pending. False (and nothing written) when the key already exists in any state. */
  plan(delivery: PlannedDelivery, now: Date): boolean;
  /** Records a post that will not be made (e.g. missed during downtime). False when the key exists. */
  recordSkipped(delivery: PlannedDelivery, reason: string, now: Date): boolean;
  get(key: string): DeliveryRecord | undefined;
  /** Pending posts whose next attempt is due, and sent posts whose thread is still wanted; oldest first. */
  actionable(now: Date, limit: number): readonly DeliveryRecord[];
  /** Counts an attempt before the platform call; returns the new count. */
  recordAttempt(key: string, now: Date): number;
  markSent(key: string, posted: PostedMessage, now: Date): void;
  retryLater(key: string, nextAttemptAt: Date, reason: string, now: Date): void;
  /**
   * Makes a failed delivery pending again, due now, with its attempts reset, once the
   * cause is fixed (a reading group's kickoff card, when its organiser resumes it).
   * Returns false unless the delivery exists and had failed.
   */
  reopen(key: string, now: Date): boolean;
  /** Ends a pending delivery as failed or skipped. */
  finish(key: string, state: 'failed' | 'skipped', reason: string, now: Date): void;
  markThread(key: string, state: ThreadState, conversation: ConversationRef | undefined, now: Date): void;
  /** Ends every pending delivery whose key starts with `prefix` as skipped (unsubscribed, paused). Returns how many. */
  cancelPending(prefix: string, reason: string, now: Date): number;
  /** Runs `work` in one database transaction, so a feature can change its own state and plan a post atomically. */
  atomically<T>(work: () => T): T;
}

/** The platform and tenant a destination belongs to. */
export function destinationScope(destination: Destination): { platform: Platform; tenantId: string } {
  return destination.kind === 'channel'
    ? { platform: destination.conversation.platform, tenantId: destination.conversation.tenantId }
    : { platform: destination.platform, tenantId: destination.tenantId };
}
