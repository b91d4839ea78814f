/**
 * The weekly question's delivery keys. `digest:<subscription>:<local ISO week>` is one
 * post per subscription and week (its thread's first message is `<key>:thread`).
 * Notices to owners use their own family, `notice:digest:…`, so that a notice that
 * cannot be delivered never pauses the subscription a second time.
 */
import { deliveryKeys } from '../delivery-keys.js';

export const digestKeys = deliveryKeys('digest');
const noticeKeys = deliveryKeys('notice:digest');

export function digestKey(subscriptionId: number, week: string): string {
  return digestKeys.key(subscriptionId, week);
}

/** What every digest key of one subscription (and its threads) starts with. */
export function digestKeyPrefix(subscriptionId: number): string {
  return digestKeys.key(subscriptionId, '');
}

/** The subscription id in a digest key (also in its `:thread` child), if it is one. */
export function subscriptionIdOfKey(key: string): number | undefined {
  const [id, week] = digestKeys.parts(key) ?? [];
  return id !== undefined && week !== undefined && /^\d+$/u.test(id) ? Number(id) : undefined;
}

/** The pause notice to a subscription's owner: one per subscription and week. */
export function pauseNoticeKey(subscriptionId: number, week: string): string {
  return noticeKeys.key(subscriptionId, week);
}
