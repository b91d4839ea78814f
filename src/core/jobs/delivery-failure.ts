/**
 * What the outbox does when a delivery step throws: a `429` waits exactly as long as the platform says and
 * does not count; other transient errors retry with exponential backoff; permanent errors, and attempts
 * exhausted, end the delivery and tell the feature that owns it, once. Every write is fenced by the claim.
 */
import type { Clock } from '../clock.js';
import { DeliveryError } from '../ports.js';
import type { Logger } from '../../log.js';
import type { DeliveryRecord, DeliveryStore } from './deliveries.js';
import { failureOf } from './failure.js';
import type { DeliveryHandler } from './outbox-options.js';
import type { Pacer } from './pacer.js';

/** The outbox's state a failure needs. */
export interface FailureContext {
  readonly store: DeliveryStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly holder: string;
  readonly pacer: Pacer;
  readonly maxAttempts: number;
  readonly baseRetryMs: number;
  handlerOf(key: string): DeliveryHandler | undefined;
  /** Logs that the claim went to another holder. */
  lost(key: string, when: string): undefined;
}

export async function recordFailure(key: string, error: unknown, on: FailureContext): Promise<void> {
  const { store, clock, logger, holder } = on;
  const record = await store.get(key);
  if (!record) return;
  const failure = failureOf(error);
  const now = clock.now();
  const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) return rateLimited(record, retryAfterMs, on);
  if (record.state === 'sent') {
    // The post is out; only its thread failed. Retry transient errors later.
    if (failure.permanent) await store.markThread(key, holder, 'failed', undefined, now);
    else await store.retryLater(key, holder, { at: new Date(now.getTime() + on.baseRetryMs) }, now);
    logger.warn({ key, code: failure.code, permanent: failure.permanent }, 'could not open the discussion thread');
    return;
  }
  if (!failure.permanent && record.attempts < on.maxAttempts) {
    const delay = on.baseRetryMs * 2 ** Math.max(0, record.attempts - 1);
    const retry = { at: new Date(now.getTime() + delay), reason: `${failure.code}: ${failure.message}` };
    if (await store.retryLater(key, holder, retry, now)) {
      const { attempts } = record;
      logger.warn({ key, code: failure.code, attempts, retryInMs: delay }, 'post failed; will retry');
    }
    return;
  }
  // A refusal keeps the adapter's words for the owner beside the code (`not_in_channel: the bot is not …`).
  const refusal = failure.explanation === undefined ? failure.code : `${failure.code}: ${failure.explanation}`;
  const gaveUp = `gave up after ${record.attempts} attempts (last: ${failure.code})`;
  const reason = failure.permanent ? refusal : gaveUp;
  if (!(await store.finish(key, holder, 'failed', reason, now))) {
    return on.lost(key, 'before recording a failure');
  }
  logger.error({ key, code: failure.code, permanent: failure.permanent }, 'post failed for good');
  await on.handlerOf(key)?.onFailed?.((await store.get(key)) ?? record, failure);
}

/** A 429: nothing was posted. That conversation waits exactly as told; the attempt does not count. */
async function rateLimited(record: DeliveryRecord, retryAfterMs: number, on: FailureContext): Promise<void> {
  const now = on.clock.now();
  const at = new Date(now.getTime() + retryAfterMs);
  on.pacer.block(record.destination, at.getTime());
  const uncount = record.state === 'pending';
  await on.store.retryLater(record.key, on.holder, { at, reason: 'rate limited', uncount }, now);
  on.logger.info({ key: record.key, retryAfterMs }, 'rate limited: this conversation waits, others go on');
}
