/**
 * Carries out planned posts exactly once, with any number of processes on one database.
 * A delivery is worked on only under a claim (see `DeliveryStore`): count the attempt (so a
 * crash from here on is known to be ambiguous), reconcile with the platform if an earlier
 * attempt may have got through, post, record; every write is fenced by the claim. Transient
 * errors are retried with exponential backoff on the clock; a `429` waits exactly as long as
 * the platform says; permanent errors, and attempts exhausted, end the delivery and tell the
 * feature that owns it, once. `process` works through everything actionable with a bounded
 * pool of concurrent deliveries (see `fan-out.ts`); `deliver` is the command path ("post now").
 */
import type { Clock } from '../clock.js';
import type { Platform } from '../context.js';
import { DeliveryError, type DeliveryDirectory, type DeliveryPort, type PostedMessage } from '../ports.js';
import { failureOf } from './failure.js';
import type { Logger } from '../../log.js';
import type { UnitOfWork } from '../store.js';
import type { DeliveryRecord, DeliveryStore } from './deliveries.js';
import { AttemptBatch } from './attempt-batch.js';
import { runPool } from './fan-out.js';
import type { DeliveryHandler, OutboxOptions } from './outbox-options.js';
import { processPacer, type Pacer } from './pacer.js';
import { handBack, StopSignal, STOPPED } from './stop-signal.js';

export type { DeliveryFailure, DeliveryHandler, FaultPoint, OutboxOptions } from './outbox-options.js';

export interface OutboxDeps {
  readonly store: DeliveryStore;
  /** Transactions: a thread's opening and its first message are recorded together. */
  readonly unitOfWork: UnitOfWork;
  readonly ports: DeliveryDirectory;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Deliveries being worked on in this process, shared by every Outbox instance. */
const processInFlight = new Map<string, Promise<unknown>>();
/** This process's name on claims and leases: unique per process start. */
export const processHolder = `p-${globalThis.crypto.randomUUID()}`;
const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'shell'];
const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** "Post now" waits at most this long for a pace slot, or for another process holding the key. */
const COMMAND_WAIT_MS = 5_000;
/** A sweep waits in place for a slot this near; a later one gives the pool slot up and comes back. */
const POOL_WAIT_MS = 250;

/** Whether a delivery runs for a command (may wait longer in place for its pace) or in the pool. */
interface Mode {
  readonly inline: boolean;
}

export class Outbox {
  readonly #maxAttempts: number;
  readonly #baseRetryMs: number;
  readonly #marginMs: number;
  readonly #holder: string;
  readonly #leaseMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #pacer: Pacer;
  readonly #attempts: AttemptBatch;
  readonly #stop = new StopSignal();

  constructor(
    private readonly deps: OutboxDeps,
    private readonly handlers: readonly DeliveryHandler[],
    private readonly options: OutboxOptions = {},
  ) {
    this.#maxAttempts = options.maxAttempts ?? 6;
    this.#baseRetryMs = options.baseRetryMs ?? 60_000;
    this.#marginMs = options.reconcileMarginMs ?? 10 * 60_000;
    this.#holder = options.holder ?? processHolder;
    this.#leaseMs = options.leaseMs ?? 5 * 60_000;
    this.#sleep = this.#stop.interruptible(options.sleep ?? realSleep);
    this.#pacer = options.pacer ?? processPacer;
    this.#attempts = new AttemptBatch((keys) =>
      deps.store.recordAttempts(keys, this.#holder, deps.clock.now(), this.#leaseMs),
    );
  }

  /**
   * Works through everything actionable, including what that work plans (a thread's first
   * message, a retry after `Retry-After`), until nothing is left or the time budget is spent.
   * Returns how many deliveries were worked on.
   */
  async process(): Promise<number> {
    const { store, clock, logger } = this.deps;
    const platforms = PLATFORMS.filter((p) => this.deps.ports.get(p) !== undefined);
    return runPool({
      claim: (limit) => store.claim(this.#holder, platforms, clock.now(), this.#leaseMs, limit),
      nextDueAt: () => store.nextDueAt(platforms),
      work: async (record) => {
        try {
          await this.#run(record, { inline: false });
        } catch (error) {
          // One delivery's trouble (e.g. in a feature's failure handler) must not stop the others.
          logger.error({ key: record.key, err: error }, 'delivery step failed');
        }
      },
      now: () => clock.now().getTime(),
      sleep: (ms) => this.#sleep(ms).catch(() => undefined),
      concurrency: this.options.concurrency ?? 160,
      budgetMs: this.options.budgetMs ?? 50_000,
      stopping: () => this.#stop.stopped,
    });
  }

  /** Shutting down: `process` claims nothing more and lets its deliveries finish; one waiting for its pace is handed back. */
  stop(): void {
    this.#stop.stop();
  }

  /**
   * Advances one delivery as far as it can go now, and returns its state afterwards. A key
   * being worked on elsewhere (a sweep in this or another process) is not started twice: the
   * caller waits briefly for the other holder, then reports the state it left.
   */
  async deliver(key: string): Promise<DeliveryRecord | undefined> {
    const inFlight = this.options.inFlight ?? processInFlight;
    const running = inFlight.get(key);
    if (running) {
      await running.catch(() => undefined);
      return await this.deps.store.get(key);
    }
    const work = this.#deliverNow(key).finally(() => inFlight.delete(key));
    inFlight.set(key, work);
    return work;
  }

  async #deliverNow(key: string): Promise<DeliveryRecord | undefined> {
    const { store, clock } = this.deps;
    let claimed = await store.claimKey(key, this.#holder, clock.now(), this.#leaseMs);
    for (let waited = 0; !claimed && waited < COMMAND_WAIT_MS && (await store.get(key)); waited += 100) {
      await this.#sleep(100);
      claimed = await store.claimKey(key, this.#holder, clock.now(), this.#leaseMs);
    }
    if (claimed) await this.#run(claimed, { inline: true });
    return await store.get(key);
  }

  /** Works on a claimed delivery and gives the claim up afterwards, whatever happens. */
  async #run(record: DeliveryRecord, mode: Mode): Promise<void> {
    try {
      await this.#work(record, mode);
    } finally {
      await this.deps.store.release(record.key, this.#holder);
    }
  }

  async #work(record: DeliveryRecord, mode: Mode): Promise<void> {
    const port = this.deps.ports.get(record.platform);
    if (!port) {
      this.deps.logger.debug({ key: record.key, platform: record.platform }, 'delivery waits: platform not here');
      return;
    }
    try {
      if (record.state === 'pending') await this.#post(record, port, mode);
      const after = await this.deps.store.get(record.key);
      if (after?.state === 'sent' && after.threadState === 'wanted') await this.#openThread(after, port);
    } catch (error) {
      if (error === STOPPED) await handBack(this.deps, record, this.#holder);
      else await this.#failed(record.key, error);
    }
  }

  async #post(record: DeliveryRecord, port: DeliveryPort, mode: Mode): Promise<void> {
    const { store, clock, logger } = this.deps;
    const key = record.key;
    const handler = this.#handlerOf(key);
    const now = clock.now();
    const stale = handler?.staleAfterMs !== undefined && now.getTime() - record.dueAt.getTime() > handler.staleAfterMs;
    if (stale && record.attempts === 0) {
      if (await store.finish(key, this.#holder, 'skipped', 'missed: due too long ago (the bot was down)', now)) {
        logger.warn({ key, dueAt: record.dueAt.toISOString() }, 'skipped a post that is too late to make');
      }
      return;
    }
    // Only the channel's own wait (its last post, a 429) gives the slot up; the workspace's queue is this pool's.
    const wait = this.#pacer.conversationDelay(port.pacing, record.destination, now.getTime());
    if (wait > (mode.inline ? COMMAND_WAIT_MS : POOL_WAIT_MS)) {
      // Keep the channel's pace without holding a pool slot: any process may take it up then.
      await store.retryLater(key, this.#holder, { at: new Date(now.getTime() + wait) }, now);
      return;
    }
    // Counted first (with every delivery started in this turn: one fsync); the slot is taken after the
    // commit, so a slow fsync cannot make posts late for slots planned before it and send them in a burst.
    const attempts = await this.#attempts.record(key);
    if (attempts === undefined) return this.#lost(key, 'before the attempt');
    await this.#sleep(this.#pacer.reserve(port.pacing, record.destination, clock.now().getTime()));
    if (attempts > 1) {
      const since = new Date(record.createdAt.getTime() - this.#marginMs);
      const found = await port.findPosted(record.destination, key, since);
      if (found) {
        if (!(await store.markSent(key, this.#holder, found, clock.now()))) return this.#lost(key, 'after reconciling');
        logger.info({ key, messageId: found.messageId }, 'reconciled a post made before a restart');
        return;
      }
      if (stale) {
        await store.finish(key, this.#holder, 'skipped', 'missed: due too long ago (the bot was down)', clock.now());
        logger.warn({ key }, 'skipped a post that is too late to make');
        return;
      }
    }
    await this.options.fault?.('before-post', key);
    await this.#pacer.whenTenantHasRoom(port.pacing, record.destination, this.#sleep);
    this.#pacer.sent(port.pacing, record.destination, clock.now().getTime());
    const posted: PostedMessage = await port.post(record.destination, record.reply, key);
    await this.options.fault?.('after-post', key);
    if (!(await store.markSent(key, this.#holder, posted, clock.now()))) return this.#lost(key, 'after posting');
    await this.options.fault?.('after-record', key);
    logger.info({ key, messageId: posted.messageId }, 'posted');
  }

  /**
   * Opens the thread and posts its first message in the same work item, after the card: the
   * channel's pace is a real-time wait (the pacer sleeps), never a due date on the injected clock
   * (which a manual clock never reaches). Planned and claimed in one transaction, so no other
   * process takes it meanwhile; `notBefore` keeps the pace for a process taking it over later.
   */
  async #openThread(record: DeliveryRecord, port: DeliveryPort): Promise<void> {
    const { store, clock, unitOfWork } = this.deps;
    if (!record.posted || !record.thread) {
      await store.markThread(record.key, this.#holder, 'failed', undefined, clock.now());
      return;
    }
    const thread = await port.openThread(record.posted, record.thread.name);
    const childKey = `${record.key}:thread`;
    const { reply } = record.thread;
    const now = clock.now();
    const notBefore = new Date(now.getTime() + (port.pacing?.conversationIntervalMs ?? 0));
    const marked = await unitOfWork.atomically(async (tx) => {
      const state = thread ? 'opened' : 'unavailable';
      if (!(await tx.deliveries.markThread(record.key, this.#holder, state, thread ?? undefined, now))) return false;
      if (thread) {
        const destination = { kind: 'channel', conversation: thread } as const;
        await tx.deliveries.plan({ key: childKey, destination, reply, dueAt: now, notBefore }, now);
        await tx.deliveries.claimKey(childKey, this.#holder, now, this.#leaseMs);
      }
      return true;
    });
    if (!marked) return this.#lost(record.key, 'after opening the thread');
    // Posted now, in this work item; if that fails, it is retried later like any delivery, by any process.
    if (thread) await this.deliver(childKey);
  }

  async #failed(key: string, error: unknown): Promise<void> {
    const { store, clock, logger } = this.deps;
    const record = await store.get(key);
    if (!record) return;
    const failure = failureOf(error);
    const now = clock.now();
    const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    if (retryAfterMs !== undefined) return this.#rateLimited(record, retryAfterMs);
    if (record.state === 'sent') {
      // The post is out; only its thread failed. Retry transient errors later.
      if (failure.permanent) await store.markThread(key, this.#holder, 'failed', undefined, now);
      else await store.retryLater(key, this.#holder, { at: new Date(now.getTime() + this.#baseRetryMs) }, now);
      logger.warn({ key, code: failure.code, permanent: failure.permanent }, 'could not open the discussion thread');
      return;
    }
    if (!failure.permanent && record.attempts < this.#maxAttempts) {
      const delay = this.#baseRetryMs * 2 ** Math.max(0, record.attempts - 1);
      const retry = { at: new Date(now.getTime() + delay), reason: `${failure.code}: ${failure.message}` };
      if (await store.retryLater(key, this.#holder, retry, now)) {
        const { attempts } = record;
        logger.warn({ key, code: failure.code, attempts, retryInMs: delay }, 'post failed; will retry');
      }
      return;
    }
    // A refusal keeps the adapter's words for the owner beside the code (`not_in_channel: the bot is not …`).
    const refusal = failure.explanation === undefined ? failure.code : `${failure.code}: ${failure.explanation}`;
    const gaveUp = `gave up after ${record.attempts} attempts (last: ${failure.code})`;
    const reason = failure.permanent ? refusal : gaveUp;
    if (!(await store.finish(key, this.#holder, 'failed', reason, now))) {
      return this.#lost(key, 'before recording a failure');
    }
    logger.error({ key, code: failure.code, permanent: failure.permanent }, 'post failed for good');
    await this.#handlerOf(key)?.onFailed?.((await store.get(key)) ?? record, failure);
  }

  /** A 429: nothing was posted. That conversation waits exactly as told; the attempt does not count. */
  async #rateLimited(record: DeliveryRecord, retryAfterMs: number): Promise<void> {
    const now = this.deps.clock.now();
    const at = new Date(now.getTime() + retryAfterMs);
    this.#pacer.block(record.destination, at.getTime());
    const uncount = record.state === 'pending';
    await this.deps.store.retryLater(record.key, this.#holder, { at, reason: 'rate limited', uncount }, now);
    this.deps.logger.info({ key: record.key, retryAfterMs }, 'rate limited: this conversation waits, others go on');
  }

  /** Another process took the delivery over (this one's lease ran out): it reconciles; we stop. */
  #lost(key: string, when: string): void {
    this.deps.logger.warn({ key, when, holder: this.#holder }, 'lost the claim on a delivery; left to its new holder');
  }

  #handlerOf(key: string): DeliveryHandler | undefined {
    return this.handlers.find((h) => key.startsWith(h.prefix));
  }
}
