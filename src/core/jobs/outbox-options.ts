/**
 * What an `Outbox` is told: the features' handlers for their keys, and the options a process
 * (or a test) tunes. Re-exported from `outbox.ts`, where callers import them.
 */
import type { FailureReason } from '../ports.js';
import type { DeliveryRecord } from './deliveries.js';
import type { Pacer } from './pacer.js';

export interface DeliveryFailure {
  /** The platform's own code: for logs and the ledger's record, not for decisions. */
  readonly code: string;
  readonly reason: FailureReason;
  readonly permanent: boolean;
  readonly message: string;
  /** Words for the owner of what failed, from the adapter (`DeliveryError.explanation`). */
  readonly explanation?: string | undefined;
}

/** A feature's say over the deliveries whose keys start with `prefix`. */
export interface DeliveryHandler {
  readonly prefix: string;
  /** A pending post due longer ago than this is not made any more (missed during downtime). */
  readonly staleAfterMs?: number;
  /** Called once when a delivery ends as failed: pause what caused it, tell its owner. */
  onFailed?(record: DeliveryRecord, failure: DeliveryFailure): Promise<void> | void;
}

/** Points where a test can stop the process, to prove crash safety. */
export type FaultPoint = 'before-post' | 'after-post' | 'after-record';

export interface OutboxOptions {
  readonly maxAttempts?: number;
  readonly baseRetryMs?: number;
  /** How far before a delivery's creation reconciliation looks for an earlier post. */
  readonly reconcileMarginMs?: number;
  /** Keys in flight; defaults to one map per process. Crash tests give each simulated process its own. */
  readonly inFlight?: Map<string, Promise<unknown>>;
  /** For crash tests only: called at each fault point. */
  readonly fault?: (point: FaultPoint, key: string) => void | Promise<void>;
  /** This process's name on claims; defaults to one random name per process. */
  readonly holder?: string;
  /** How long a claim lasts: longer than the slowest platform call with its retries. Default 5 minutes. */
  readonly leaseMs?: number;
  /** Deliveries in flight at once per process (`DELIVERY_CONCURRENCY`). Default 160: a Slack channel's item holds its slot through the second between its post and its thread's first message. */
  readonly concurrency?: number;
  /** How long one `process` call keeps going while work keeps falling due. Default 50 s (a sweep is per minute). */
  readonly budgetMs?: number;
  /** Waits (pacing, Retry-After); tests may replace it. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pacer?: Pacer;
}

/** What an `Outbox.process` call may expect while it runs: more work being planned, here or by another process. */
export interface MoreWork {
  /** True while more work may still be written: an empty ledger is looked at again instead of ending the call. */
  expected(): boolean | Promise<boolean>;
  /** True while this process plans: only an eighth of the pool runs, so deliveries do not slow the planning. */
  planningHere(): boolean;
}
