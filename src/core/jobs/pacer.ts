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

/**
 * Slots are spaced this much wider than the platform's figure: a post sent a few milliseconds
 * late (a busy event loop, network jitter) must not land inside the platform's window of the
 * next one and cost a 429, which is far dearer (a wait of a whole second) than 5%.
 */
const PACE_MARGIN = 1.05;

export class Pacer {
  /** Scope → the earliest instant (ms) the next post in it may go out. */
  readonly #nextFree = new Map<string, number>();

  /** How long a post to `destination` would wait now (0: at once). Reserves nothing. */
  delay(pacing: Pacing | undefined, destination: Destination, nowMs: number): number {
    if (!pacing) return 0;
    const [conversation, tenant] = scopesOf(destination);
    return Math.max(0, (this.#nextFree.get(conversation) ?? 0) - nowMs, (this.#nextFree.get(tenant) ?? 0) - nowMs);
  }

  /** Takes the next slot for a post to `destination`; returns how long to wait before making it. */
  reserve(pacing: Pacing | undefined, destination: Destination, nowMs: number): number {
    if (!pacing) return 0;
    const [conversation, tenant] = scopesOf(destination);
    const at = nowMs + this.delay(pacing, destination, nowMs);
    this.#nextFree.set(conversation, at + (pacing.conversationIntervalMs ?? 0) * PACE_MARGIN);
    if (pacing.tenantPerSecond !== undefined && pacing.tenantPerSecond > 0) {
      // The tenant's slots are counted from its own queue, not from this post's channel slot:
      // one channel waiting its second must not push every other channel of the workspace back.
      const tenantFree = Math.max(nowMs, this.#nextFree.get(tenant) ?? 0);
      this.#nextFree.set(tenant, tenantFree + (1000 * PACE_MARGIN) / pacing.tenantPerSecond);
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

/** One pacer per process: every outbox in it (sweeps and commands) shares the same slots. */
export const processPacer = new Pacer();
