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
  /** Not to be attempted before this (a thread's first message keeps the channel's pace). Default: at once. */
  readonly notBefore?: Date;
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

/** A fenced write's outcome: false when this holder lost the claim (its lease ran out and was taken over). */
export type Fenced = boolean;

/**
 * Implemented per backend (SQLite: `src/persistence/deliveries-repository.ts`). Every method is asynchronous and
 * atomic on its own; several writes that belong together go through `UnitOfWork.atomically` (`src/core/store.ts`).
 *
 * Several processes may share the store. A process works on a delivery only while it holds
 * its claim: `claim`/`claimKey` take it in one statement, with a lease; every write made
 * while working (`recordAttempt` … `markThread`) names the holder and changes nothing once
 * the claim is lost. An expired claim can be taken over; the new holder reconciles first
 * (attempts > 0), exactly as after a crash.
 */
export interface DeliveryStore extends LeaseStore {
  /** Records a post as pending. False (and nothing written) when the key already exists in any state. */
  plan(delivery: PlannedDelivery, now: Date): Promise<boolean>;
  /** Records a post that will not be made (e.g. missed during downtime). False when the key exists. */
  recordSkipped(delivery: PlannedDelivery, reason: string, now: Date): Promise<boolean>;
  get(key: string): Promise<DeliveryRecord | undefined>;
  /**
   * Claims up to `limit` unclaimed actionable deliveries on these platforms (pending and due, or sent
   * with a thread still wanted), oldest first, for `holder` until `now + leaseMs`.
   */
  claim(
    holder: string,
    platforms: readonly Platform[],
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<readonly DeliveryRecord[]>;
  /** Claims one delivery whatever its state, unless another holder's lease is running. */
  claimKey(key: string, holder: string, now: Date, leaseMs: number): Promise<DeliveryRecord | undefined>;
  /** Gives the claim up (the work is done, or left for later). */
  release(key: string, holder: string): Promise<void>;
  /** When the earliest pending delivery on these platforms can next be claimed, if any (may be past). */
  nextDueAt(platforms: readonly Platform[]): Promise<Date | undefined>;
  /**
   * Counts an attempt before the platform call, durably, and renews the claim for `leaseMs`;
   * returns the new count, or undefined when the claim is lost.
   */
  recordAttempt(key: string, holder: string, now: Date, leaseMs?: number): Promise<number | undefined>;
  /** `recordAttempt` for several keys with one durable commit; keys whose claim is lost are absent. */
  recordAttempts(keys: readonly string[], holder: string, now: Date, leaseMs?: number): Promise<Map<string, number>>;
  /**
   * Records the post as sent. `release`: nothing is left to do on it (no thread wanted), so the claim goes with
   * the same write instead of a separate `release`.
   */
  markSent(key: string, holder: string, posted: PostedMessage, now: Date, release?: boolean): Promise<Fenced>;
  /** Tries again at `at`. `uncount`: the platform refused before posting (a 429), so the attempt is taken back. */
  retryLater(key: string, holder: string, retry: RetryPlan, now: Date): Promise<Fenced>;
  /**
   * Makes a failed delivery pending again, due now, with its attempts reset, once the
   * cause is fixed (a reading group's kickoff card, when its organiser resumes it).
   * Returns false unless the delivery exists and had failed.
   */
  reopen(key: string, now: Date): Promise<boolean>;
  /** Ends a pending delivery as failed or skipped. */
  finish(key: string, holder: string, state: 'failed' | 'skipped', reason: string, now: Date): Promise<Fenced>;
  markThread(
    key: string,
    holder: string,
    state: ThreadState,
    thread: ConversationRef | undefined,
    now: Date,
  ): Promise<Fenced>;
  /**
   * Records the thread opened under a sent post and, with a thread, plans its first message claimed by `holder`
   * for `leaseMs`: one atomic step, fenced by the post's claim, which it gives up (nothing is left to do on the
   * post). `marked` is false when that claim is lost; `firstMessage` is the claimed first message, absent when
   * none was planned or one already exists under another holder's lease.
   */
  recordThread(
    key: string,
    holder: string,
    opening: ThreadOpening,
    now: Date,
    leaseMs: number,
  ): Promise<ThreadRecorded>;
  /** Ends every pending delivery whose key starts with `prefix` as skipped (unsubscribed, paused). Returns how many. */
  cancelPending(prefix: string, reason: string, now: Date): Promise<number>;
  /** Which of these keys exist, in any state: one query for what would be a `get` per key. */
  existingKeys(keys: readonly string[]): Promise<ReadonlySet<string>>;
  /**
   * `plan` (or, with a `skippedReason`, `recordSkipped`) for several deliveries at once: one statement on a
   * database server. A key that exists is left untouched, as with one. Returns the keys written.
   */
  planAll(entries: readonly PlanEntry[], now: Date): Promise<ReadonlySet<string>>;
  /**
   * `markSent` for several posts in one commit (the outbox's group commit, `group-commit.ts`): one statement on a
   * database server. Returns the keys marked; a key whose claim this holder lost is absent, and left unchanged.
   */
  markSentAll(entries: readonly SentEntry[], holder: string, now: Date): Promise<ReadonlySet<string>>;
  /**
   * `recordThread` for several posts in one commit (the outbox's group commit): one statement on a database server.
   * Returns what each post's step recorded, by the post's key; a key whose claim this holder lost is absent.
   */
  recordThreads(
    entries: readonly ThreadEntry[],
    holder: string,
    now: Date,
    leaseMs: number,
  ): Promise<ReadonlyMap<string, ThreadRecorded>>;
}

/** A thread opened (or found unavailable) under a sent post, for `recordThreads`. */
export interface ThreadEntry {
  readonly key: string;
  readonly opening: ThreadOpening;
}

/** A post made, for `markSentAll`; `release` as for `markSent`. */
export interface SentEntry {
  readonly key: string;
  readonly posted: PostedMessage;
  readonly release: boolean;
}

/** A delivery for `planAll`: pending, or recorded as skipped when it has a reason to be. */
export interface PlanEntry {
  readonly delivery: PlannedDelivery;
  readonly skippedReason?: string;
}

/** A thread opened under a post (`opened`), or none where the platform has none (`unavailable`). */
export interface ThreadOpening {
  readonly state: 'opened' | 'unavailable';
  readonly thread?: ConversationRef;
  /** The thread's first message, with `opened` only. */
  readonly firstMessage?: PlannedDelivery;
}

export interface ThreadRecorded {
  readonly marked: Fenced;
  readonly firstMessage?: DeliveryRecord;
}

export interface RetryPlan {
  readonly at: Date;
  readonly reason?: string;
  readonly uncount?: boolean;
}

/** Singleton jobs (the planner): one holder at a time, taken over when its lease runs out. */
export interface LeaseStore {
  /** Takes or renews the lease `name`; true when `holder` holds it afterwards. */
  acquireLease(name: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
  /** True while anyone holds the lease `name` (it has not run out at `now`). */
  leaseHeld(name: string, now: Date): Promise<boolean>;
}

/** The platform and tenant a destination belongs to. */
export function destinationScope(destination: Destination): { platform: Platform; tenantId: string } {
  return destination.kind === 'channel'
    ? { platform: destination.conversation.platform, tenantId: destination.conversation.tenantId }
    : { platform: destination.platform, tenantId: destination.tenantId };
}
