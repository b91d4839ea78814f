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
import type { DeliveryDirectory, DeliveryPort, PostedMessage } from '../ports.js';
import { recordFailure } from './delivery-failure.js';
import type { Logger } from '../../log.js';
import type { DeliveryRecord, DeliveryStore, ThreadOpening } from './deliveries.js';
import { runPool } from './fan-out.js';
import type { DeliveryHandler, MoreWork, OutboxOptions } from './outbox-options.js';
import { processPacer, type Pacer } from './pacer.js';
import { handBack, StopSignal, STOPPED } from './stop-signal.js';
import { outboxWrites, type OutboxWrites } from './outbox-writes.js';

export type { DeliveryFailure, DeliveryHandler, FaultPoint, OutboxOptions } from './outbox-options.js';

export interface OutboxDeps {
  readonly store: DeliveryStore;
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
  readonly #writes: OutboxWrites;
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
    this.#writes = outboxWrites(deps.store, deps.clock, this.#holder, this.#leaseMs);
  }

  /**
   * Works through everything actionable, including what that work plans (a thread's first
   * message, a retry after `Retry-After`), until nothing is left or the time budget is spent.
   * Returns how many deliveries were worked on. `more`: while planning goes on (see `MoreWork`).
   */
  async process(more?: MoreWork): Promise<number> {
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
      // While this process plans, an eighth of the pool; all of it as soon as planning ends.
      concurrency: () => Math.max(1, Math.floor((this.options.concurrency ?? 160) / (more?.planningHere() ? 8 : 1))),
      budgetMs: this.options.budgetMs ?? 50_000,
      stopping: () => this.#stop.stopped,
      ...(more ? { expectMore: () => more.expected() } : {}),
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

  /**
   * Works on a claimed delivery and gives the claim up afterwards, whatever happens: with its last write when
   * that is how it ends (sent with nothing more to do, its thread recorded), otherwise with a `release` here.
   */
  async #run(record: DeliveryRecord, mode: Mode): Promise<void> {
    let released = false;
    try {
      released = await this.#work(record, mode);
    } finally {
      if (!released) await this.deps.store.release(record.key, this.#holder);
    }
  }

  /** Runs a first message this process has just planned and claimed (see `#openThread`), as `deliver` would. */
  async #deliverClaimed(record: DeliveryRecord): Promise<void> {
    const inFlight = this.options.inFlight ?? processInFlight;
    const work = this.#run(record, { inline: true }).finally(() => inFlight.delete(record.key));
    inFlight.set(record.key, work);
    await work;
  }

  /** Returns true when the claim was given up by the delivery's last write. */
  async #work(record: DeliveryRecord, mode: Mode): Promise<boolean> {
    const port = this.deps.ports.get(record.platform);
    if (!port) {
      this.deps.logger.debug({ key: record.key, platform: record.platform }, 'delivery waits: platform not here');
      return false;
    }
    try {
      if (record.state !== 'pending') {
        return record.state === 'sent' && record.threadState === 'wanted' && (await this.#openThread(record, port));
      }
      // As this holder's own fenced writes left it (no need to read it back); sent gave the claim up unless a
      // thread is wanted.
      const sent = await this.#post(record, port, mode);
      if (sent === undefined) return false;
      return sent.threadState === 'wanted' ? await this.#openThread(sent, port) : true;
    } catch (error) {
      if (error === STOPPED) await handBack(this.deps, record, this.#holder);
      else await this.#failed(record.key, error);
      return false;
    }
  }

  /** Returns the delivery as sent (its claim given up unless a thread is wanted), or undefined if it is not. */
  async #post(record: DeliveryRecord, port: DeliveryPort, mode: Mode): Promise<DeliveryRecord | undefined> {
    const { store, clock, logger } = this.deps;
    const key = record.key;
    const handler = this.#handlerOf(key);
    const now = clock.now();
    const stale = handler?.staleAfterMs !== undefined && now.getTime() - record.dueAt.getTime() > handler.staleAfterMs;
    if (stale && record.attempts === 0) {
      if (await store.finish(key, this.#holder, 'skipped', 'missed: due too long ago (the bot was down)', now)) {
        logger.warn({ key, dueAt: record.dueAt.toISOString() }, 'skipped a post that is too late to make');
      }
      return undefined;
    }
    // Only the channel's own wait (its last post, a 429) gives the slot up; the workspace's queue is this pool's.
    const wait = this.#pacer.conversationDelay(port.pacing, record.destination, now.getTime());
    if (wait > (mode.inline ? COMMAND_WAIT_MS : POOL_WAIT_MS)) {
      // Keep the channel's pace without holding a pool slot: any process may take it up then.
      await store.retryLater(key, this.#holder, { at: new Date(now.getTime() + wait) }, now);
      return undefined;
    }
    // Counted first (with every delivery started in this turn: one fsync); the slot is taken after the
    // commit, so a slow fsync cannot make posts late for slots planned before it and send them in a burst.
    const attempts = await this.#writes.attempt(key);
    if (attempts === undefined) return this.#lost(key, 'before the attempt');
    const release = record.threadState !== 'wanted';
    await this.#sleep(this.#pacer.reserve(port.pacing, record.destination, clock.now().getTime()));
    if (attempts > 1) {
      const since = new Date(record.createdAt.getTime() - this.#marginMs);
      const found = await port.findPosted(record.destination, key, since);
      if (found) {
        if (!(await this.#writes.sent(key, found, release))) {
          return this.#lost(key, 'after reconciling');
        }
        logger.info({ key, messageId: found.messageId }, 'reconciled a post made before a restart');
        return { ...record, state: 'sent', attempts, posted: found };
      }
      if (stale) {
        await store.finish(key, this.#holder, 'skipped', 'missed: due too long ago (the bot was down)', clock.now());
        logger.warn({ key }, 'skipped a post that is too late to make');
        return undefined;
      }
    }
    await this.options.fault?.('before-post', key);
    await this.#pacer.whenTenantHasRoom(port.pacing, record.destination, this.#sleep);
    this.#pacer.sent(port.pacing, record.destination, clock.now().getTime());
    const posted: PostedMessage = await port.post(record.destination, record.reply, key);
    await this.options.fault?.('after-post', key);
    if (!(await this.#writes.sent(key, posted, release))) {
      return this.#lost(key, 'after posting');
    }
    await this.options.fault?.('after-record', key);
    logger.info({ key, messageId: posted.messageId }, 'posted');
    return { ...record, state: 'sent', attempts, posted };
  }

  /**
   * Opens the thread and posts its first message in the same work item, after the card: the
   * channel's pace is a real-time wait (the pacer sleeps), never a due date on the injected clock
   * (which a manual clock never reaches). Recorded, planned and claimed in one step
   * (`recordThread`), so no other process takes it meanwhile; `notBefore` keeps the pace for a
   * process taking it over later. Returns true when the post's claim went with that step.
   */
  async #openThread(record: DeliveryRecord, port: DeliveryPort): Promise<boolean> {
    const { store, clock } = this.deps;
    if (!record.posted || !record.thread) {
      await store.markThread(record.key, this.#holder, 'failed', undefined, clock.now());
      return false;
    }
    const thread = await port.openThread(record.posted, record.thread.name);
    const childKey = `${record.key}:thread`;
    const now = clock.now();
    const notBefore = new Date(now.getTime() + (port.pacing?.conversationIntervalMs ?? 0));
    const destination = thread ? ({ kind: 'channel', conversation: thread } as const) : undefined;
    const opening: ThreadOpening = destination
      ? {
          state: 'opened',
          thread: destination.conversation,
          firstMessage: { key: childKey, destination, reply: record.thread.reply, dueAt: now, notBefore },
        }
      : { state: 'unavailable' };
    const recorded = await this.#writes.thread(record.key, opening);
    if (!recorded.marked) {
      this.#lost(record.key, 'after opening the thread');
      return false;
    }
    // Posted now, in this work item; if that fails, it is retried later like any delivery, by any process.
    if (recorded.firstMessage) await this.#deliverClaimed(recorded.firstMessage);
    else if (thread) await this.deliver(childKey);
    return true;
  }

  #failed(key: string, error: unknown): Promise<void> {
    const { store, clock, logger } = this.deps;
    return recordFailure(key, error, {
      store,
      clock,
      logger,
      holder: this.#holder,
      pacer: this.#pacer,
      maxAttempts: this.#maxAttempts,
      baseRetryMs: this.#baseRetryMs,
      handlerOf: (k) => this.#handlerOf(k),
      lost: (k, when) => this.#lost(k, when),
    });
  }

  /** Another process took the delivery over (this one's lease ran out): it reconciles; we stop. */
  #lost(key: string, when: string): undefined {
    this.deps.logger.warn({ key, when, holder: this.#holder }, 'lost the claim on a delivery; left to its new holder');
    return undefined;
  }

  #handlerOf(key: string): DeliveryHandler | undefined {
    return this.handlers.find((h) => key.startsWith(h.prefix));
  }
}
