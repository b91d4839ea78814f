/**
 * Delivery keys of reading-group posts in the shared exactly-once ledger
 * (`../../jobs/deliveries.ts`), all of the family `rg:<group>:…`. A key names the post, not the attempt, so a crash and
 * restart can never post the same reminder or session thread twice. The ledger also
 * remembers where each post landed, which is how buttons' messages are redrawn later.
 */
import type { ConversationRef } from '../../context.js';
import { deliveryKeys } from '../delivery-keys.js';
import type { Destination, PostedMessage } from '../../ports.js';
import type { Services } from '../../services.js';
import type { ReadingGroup } from './model.js';

export const readingGroupKeys = deliveryKeys('rg');

export function kickoffKey(groupId: number): string {
  return readingGroupKeys.key(groupId, 'kickoff');
}

/**
 * The reminder of a session on its current date: a session moved by skip or postpone
 * after its reminder went out is reminded again before its new date, exactly once.
 */
export function reminderKey(groupId: number, number: number, localDate: string): string {
  return readingGroupKeys.key(groupId, number, 'reminder', localDate);
}

/** A member who chose reminders by direct message gets their own post. */
export function dmReminderKey(groupId: number, number: number, localDate: string, userId: string): string {
  return `${reminderKey(groupId, number, localDate)}:${userId}`;
}

/** The session card; the ledger opens the thread under it and posts the starter as `<key>:thread`. */
export function sessionKey(groupId: number, number: number): string {
  return readingGroupKeys.key(groupId, number, 'thread');
}

/** The notice to an organiser that a failed post (`failedKey`) paused the group. */
export function pausedNoticeKey(groupId: number, failedKey: string): string {
  return readingGroupKeys.key(groupId, 'paused', failedKey);
}

/** What a key of this family says: its group, and for a member's DM reminder, the member. */
export function readKey(key: string): { readonly groupId: number; readonly dmUserId?: string } | undefined {
  const parts = readingGroupKeys.parts(key);
  const groupId = parts?.[0];
  if (!parts || groupId === undefined || !/^\d+$/u.test(groupId)) return undefined;
  // `<group>:<session>:reminder:<date>:<user>` is the only key with a member at its end.
  const isDm =
    parts.length >= 5 && /^\d+$/u.test(parts[1] ?? '') && parts[2] === 'reminder' && /^[\d-]+$/u.test(parts[3] ?? '');
  return isDm ? { groupId: Number(groupId), dmUserId: parts.slice(4).join(':') } : { groupId: Number(groupId) };
}

/** Where a post landed, if it was made. */
export async function postedMessage(services: Services, key: string): Promise<PostedMessage | undefined> {
  return (await services.deliveries.get(key))?.posted;
}

/** The discussion thread of a session, once opened. */
export async function sessionThread(
  services: Services,
  groupId: number,
  number: number,
): Promise<ConversationRef | undefined> {
  return (await services.deliveries.get(sessionKey(groupId, number)))?.threadConversation;
}

/** The group's channel as a delivery destination. */
export function groupDestination(group: ReadingGroup): Destination {
  return {
    kind: 'channel',
    conversation: { platform: group.platform, tenantId: group.tenantId, channelId: group.channelId },
  };
}
