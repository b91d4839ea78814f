/**
 * Carries out planned posts exactly once. For each pending delivery: count the attempt
 * (so a crash from here on is known to be ambiguous), reconcile with the platform if an
 * earlier attempt may have got through, post, record. Transient errors are retried
 * with exponential backoff on the clock (no sleeping); permanent ones, and attempts
 * exhausted, end the delivery and tell the feature that owns it, once.
 */
import type { Clock } from '../clock.js';
import { DeliveryError, type DeliveryDirectory, type DeliveryPort, type FailureReason, type PostedMessage } from '../ports.js';
import type { Logger } from '../../log.js';
import type { DeliveryRecord, DeliveryStore } from './deliveries.js';

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
}

export interface OutboxDeps {
  readonly store: DeliveryStore;
  readonly ports: DeliveryDirectory;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Deliveries being worked on in this process, shared by every Outbox instance. */
const processInFlight = new Map<string, Promise<unknown>>();

export class Outbox {
  readonly #maxAttempts: number;
  readonly #baseRetryMs: number;
  readonly #marginMs: number;

  constructor(
    private readonly deps: OutboxDeps,
    private readonly handlers: readonly DeliveryHandler[],
    private readonly options: OutboxOptions = {},
  ) {
    this.#maxAttempts = options.maxAttempts ?? 6;
    this.#baseRetryMs = options.baseRetryMs ?? 60_000;
    this.#marginMs = options.reconcileMarginMs ?? 10 * 60_000;
  }

  /**
   * Works through everything actionable now, including what that work plans (a thread's
   * first message, a failure notice). Each delivery is looked at once per call.
   */
  async process(limit = 200): Promise<number> {
    const seen = new Set<string>();
    for (let pass = 0; pass < 5; pass++) {
      const due = this.deps.store.actionable(this.deps.clock.now(), limit).filter((r) => !seen.has(r.key));
      if (due.length === 0) break;
      for (const record of due) {
        seen.add(record.key);
        try {
          await this.deliver(record.key);
        } catch (error) {
          // One delivery's trouble (e.g. in a feature's failure handler) must not stop the others.
          this.deps.logger.error({ key: record.key, err: error }, 'delivery step failed');
        }
      }
    }
    return seen.size;
  }

  /**
   * Advances one delivery as far as it can go now, and returns its state afterwards.
   * A key already in flight in this process (a sweep and "post now" at once) is not
   * started twice: the second caller waits for the first.
   */
  async deliver(key: string): Promise<DeliveryRecord | undefined> {
    const inFlight = this.options.inFlight ?? processInFlight;
    const running = inFlight.get(key);
    if (running) {
      await running.catch(() => undefined);
      return this.deps.store.get(key);
    }
    const work = this.#deliver(key).finally(() => inFlight.delete(key));
    inFlight.set(key, work);
    return work;
  }

  async #deliver(key: string): Promise<DeliveryRecord | undefined> {
    const record = this.deps.store.get(key);
    if (!record) return undefined;
    const port = this.deps.ports.get(record.platform);
    if (!port) {
      this.deps.logger.debug({ key, platform: record.platform }, 'delivery waits: platform not running here');
      return record;
    }
    try {
      if (record.state === 'pending') await this.#post(record, port);
      const after = this.deps.store.get(key);
      if (after?.state === 'sent' && after.threadState === 'wanted') await this.#openThread(after, port);
    } catch (error) {
      await this.#failed(key, error);
    }
    return this.deps.store.get(key);
  }

  async #post(record: DeliveryRecord, port: DeliveryPort): Promise<void> {
    const { store, clock, logger } = this.deps;
    const handler = this.#handlerOf(record.key);
    const now = clock.now();
    const stale = handler?.staleAfterMs !== undefined && now.getTime() - record.dueAt.getTime() > handler.staleAfterMs;
    if (stale && record.attempts === 0) {
      store.finish(record.key, 'skipped', 'missed: due too long ago (the bot was down)', now);
      logger.warn({ key: record.key, dueAt: record.dueAt.toISOString() }, 'skipped a post that is too late to make');
      return;
    }
    const attempts = store.recordAttempt(record.key, now);
    if (attempts > 1) {
      const since = new Date(record.createdAt.getTime() - this.#marginMs);
      const found = await port.findPosted(record.destination, record.key, since);
      if (found) {
        store.markSent(record.key, found, clock.now());
        logger.info({ key: record.key, messageId: found.messageId }, 'reconciled a post made before a restart');
        return;
      }
      if (stale) {
        store.finish(record.key, 'skipped', 'missed: due too long ago (the bot was down)', clock.now());
        logger.warn({ key: record.key }, 'skipped a post that is too late to make');
        return;
      }
    }
    await this.options.fault?.('before-post', record.key);
    const posted: PostedMessage = await port.post(record.destination, record.reply, record.key);
    await this.options.fault?.('after-post', record.key);
    store.markSent(record.key, posted, clock.now());
    await this.options.fault?.('after-record', record.key);
    logger.info({ key: record.key, messageId: posted.messageId }, 'posted');
  }

  async #openThread(record: DeliveryRecord, port: DeliveryPort): Promise<void> {
    const { store, clock } = this.deps;
    if (!record.posted || !record.thread) return;
    const thread = await port.openThread(record.posted, record.thread.name);
    const childKey = `${record.key}:thread`;
    const { reply } = record.thread;
    store.atomically(() => {
      store.markThread(record.key, thread ? 'opened' : 'unavailable', thread ?? undefined, clock.now());
      if (thread) store.plan({ key: childKey, destination: { kind: 'channel', conversation: thread }, reply, dueAt: clock.now() }, clock.now());
    });
    if (thread) await this.deliver(childKey);
  }

  async #failed(key: string, error: unknown): Promise<void> {
    const { store, clock, logger } = this.deps;
    const record = store.get(key);
    if (!record) return;
    const failure: DeliveryFailure =
      error instanceof DeliveryError
        ? { code: error.code, reason: error.reason, permanent: error.permanent, message: error.message, explanation: error.explanation }
        : { code: 'unexpected', reason: 'transient', permanent: false, message: error instanceof Error ? error.message : String(error) };
    const now = clock.now();
    if (record.state === 'sent') {
      // The post is out; only its thread failed. Retry transient errors on later sweeps.
      if (failure.permanent) store.markThread(key, 'failed', undefined, now);
      logger.warn({ key, code: failure.code, permanent: failure.permanent }, 'could not open the discussion thread');
      return;
    }
    if (!failure.permanent && record.attempts < this.#maxAttempts) {
      const delay = this.#baseRetryMs * 2 ** Math.max(0, record.attempts - 1);
      store.retryLater(key, new Date(now.getTime() + delay), `${failure.code}: ${failure.message}`, now);
      logger.warn({ key, code: failure.code, attempts: record.attempts, retryInMs: delay }, 'post failed; will retry');
      return;
    }
    // A refusal keeps the adapter's words for the owner beside the code (`not_in_channel: the bot is not …`).
    const refusal = failure.explanation === undefined ? failure.code : `${failure.code}: ${failure.explanation}`;
    const reason = failure.permanent ? refusal : `gave up after ${record.attempts} attempts (last: ${failure.code})`;
    store.finish(key, 'failed', reason, now);
    logger.error({ key, code: failure.code, permanent: failure.permanent }, 'post failed for good');
    await this.#handlerOf(key)?.onFailed?.(store.get(key) ?? record, failure);
  }

  #handlerOf(key: string): DeliveryHandler | undefined {
    return this.handlers.find((h) => key.startsWith(h.prefix));
  }
}
