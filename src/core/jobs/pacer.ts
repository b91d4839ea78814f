/**
 * Keeps each platform's posting pace (see `Pacing`), per conversation and per tenant, inside
 * one process. A post reserves the next free slot of both scopes; a `429` blocks the
 * conversation it was about for exactly the time the platform named, and nothing else, so
 * one slow or limited channel never holds up the others. Across processes the pace is kept
 * by the ledger (a thread's first message is planned `notBefore` the channel's interval) and
 * by dividing the tenant rate among processes (configuration).
 */
import type { Destination, Pacing } from '../ports.js';
import { destinationScope } from './deliveries.js';

type Sleep = (ms: number) => Promise<void>;

/**
 * Slots are spaced wider than the platform's figures: a post that reaches the platform a few
 * milliseconds late (a busy event loop on either side, network jitter) must not land inside
 * the window of the next one and cost a 429, far dearer (a whole second) than the margin.
 * A channel's second post (the thread's first message) waits 20% longer than the interval:
 * that only delays the thread, since the workspace rate, not one channel, bounds fan-out.
 * The workspace's slots, which bound fan-out, get 5%.
 */
const CONVERSATION_MARGIN = 1.2;
const TENANT_MARGIN = 1.05;

export class Pacer {
  /** Scope → the earliest instant (ms) the next post in it may go out. */
  readonly #nextFree = new Map<string, number>();
  /** Tenant → when its posts of the last second left (real time, ms). */
  readonly #sends = new Map<string, number[]>();

  /** `realNow`: the wall clock (ms) the platforms count in; tests pass their own with a matching sleep. */
  constructor(private readonly realNow: () => number = Date.now) {}

  /** How long a post to `destination` would wait now (0: at once). Reserves nothing. */
  delay(pacing: Pacing | undefined, destination: Destination, nowMs: number): number {
    if (!pacing) return 0;
    const [conversation, tenant] = scopesOf(destination);
    return Math.max(0, (this.#nextFree.get(conversation) ?? 0) - nowMs, (this.#nextFree.get(tenant) ?? 0) - nowMs);
  }

  /**
   * Waits (in real time) until the tenant has room for one more post: fewer than its rate
   * sent within the last second and a margin, counted from when posts really left. Slots
   * planned ahead (`reserve`) space posts out; this keeps a stall (a slow fsync, a busy event
   * loop) from releasing the posts planned during it together, in a burst over the limit.
   */
  async whenTenantHasRoom(pacing: Pacing | undefined, destination: Destination, sleep: Sleep): Promise<void> {
    const perSecond = Math.floor(pacing?.tenantPerSecond ?? 0);
    if (perSecond <= 0) return;
    const [, tenant] = scopesOf(destination);
    const windowMs = 1000 * TENANT_MARGIN;
    for (;;) {
      const now = this.realNow();
      const times = this.#sends.get(tenant) ?? [];
      while (times.length > 0 && (times[0] ?? 0) <= now - windowMs) times.shift();
      if (times.length < perSecond) {
        times.push(now);
        this.#sends.set(tenant, times);
        return;
      }
      await sleep((times[times.length - perSecond] ?? now) + windowMs - now);
    }
  }

  /** How long the conversation alone (its last post, a `429`) holds a post back now. */
  conversationDelay(pacing: Pacing | undefined, destination: Destination, nowMs: number): number {
    if (!pacing) return 0;
    const [conversation] = scopesOf(destination);
    return Math.max(0, (this.#nextFree.get(conversation) ?? 0) - nowMs);
  }

  /**
   * A post to `destination` leaves now. The conversation's next slot counts from this moment, not
   * from the slot it had: a post that left late (a busy event loop) must not have the next one
   * in its channel (the thread's first message) follow it by less than the interval.
   */
  sent(pacing: Pacing | undefined, destination: Destination, nowMs: number): void {
    if (!pacing?.conversationIntervalMs) return;
    const [conversation] = scopesOf(destination);
    const next = nowMs + pacing.conversationIntervalMs * CONVERSATION_MARGIN;
    this.#nextFree.set(conversation, Math.max(next, this.#nextFree.get(conversation) ?? 0));
  }

  /** Takes the next slot for a post to `destination`; returns how long to wait before making it. */
  reserve(pacing: Pacing | undefined, destination: Destination, nowMs: number): number {
    if (!pacing) return 0;
    const [conversation, tenant] = scopesOf(destination);
    const at = nowMs + this.delay(pacing, destination, nowMs);
    this.#nextFree.set(conversation, at + (pacing.conversationIntervalMs ?? 0) * CONVERSATION_MARGIN);
    if (pacing.tenantPerSecond !== undefined && pacing.tenantPerSecond > 0) {
      // The tenant's slots are counted from its own queue, not from this post's channel slot:
      // one channel waiting its second must not push every other channel of the workspace back.
      const tenantFree = Math.max(nowMs, this.#nextFree.get(tenant) ?? 0);
      this.#nextFree.set(tenant, tenantFree + (1000 * TENANT_MARGIN) / pacing.tenantPerSecond);
    }
    this.#prune(nowMs);
    return at - nowMs;
  }

  /** The platform refused a post with `Retry-After`: no post to that conversation before then. */
  block(destination: Destination, untilMs: number): void {
    const [conversation] = scopesOf(destination);
    this.#nextFree.set(conversation, Math.max(untilMs, this.#nextFree.get(conversation) ?? 0));
  }

  /** Forgets scopes whose slot is long free, so thousands of channels do not pile up. */
  #prune(nowMs: number): void {
    if (this.#nextFree.size < 20_000) return;
    for (const [scope, at] of this.#nextFree) if (at < nowMs) this.#nextFree.delete(scope);
  }
}

/** The conversation (a channel, a thread's channel, or a person) and the tenant a post counts against. */
function scopesOf(destination: Destination): [conversation: string, tenant: string] {
  const { platform, tenantId } = destinationScope(destination);
  const tenant = `${platform}:${tenantId}`;
  const where = destination.kind === 'channel' ? `c:${destination.conversation.channelId}` : `u:${destination.userId}`;
  return [`${tenant}:${where}`, tenant];
}

/**
 * For an `Outbox` built on its own (unit tests). A running bot's outboxes share their core's
 * `Services.pacer` instead (see `createOutbox`): state kept here would outlive the core.
 */
export const processPacer = new Pacer();
