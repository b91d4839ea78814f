/**
 * What became of a group's kickoff card, in words for its organiser. A card the platform
 * refused for good (the bot is not in the channel, or may not post there) pauses the group
 * (see `scheduled-posts.ts`); the organiser fixes the channel and resumes, which
 * posts the card again, or archives the group and creates it in another channel.
 */
import type { Services } from '../../../services.js';
import { kickoffKey } from '../keys.js';
import type { ReadingGroup } from '../model.js';
import { deliverNow } from '../publish.js';

export type KickoffOutcome =
  { readonly kind: 'posted' } | { readonly kind: 'retrying' } | { readonly kind: 'refused'; readonly why: string };

export async function kickoffOutcome(services: Services, groupId: number): Promise<KickoffOutcome> {
  const record = await services.deliveries.get(kickoffKey(groupId));
  if (record?.state === 'sent') return { kind: 'posted' };
  if (record?.state !== 'failed') return { kind: 'retrying' };
  // A refusal records `code: words for the owner` (or the bare code); attempts given up record a sentence.
  const reason = record.reason ?? '';
  const refusal = /^(\w+)(?:: (.+))?$/su.exec(reason);
  const why = refusal
    ? (refusal[2] ?? `the platform refused the post (${refusal[1]})`)
    : `the platform kept failing (${reason})`;
  return { kind: 'refused', why };
}

/** The create reply's sentence about the card. */
export function kickoffNote(outcome: KickoffOutcome, group: ReadingGroup): string {
  if (outcome.kind === 'posted') return 'The kickoff card is in this channel.';
  if (outcome.kind === 'retrying') {
    return 'Its kickoff card could not be posted in this channel yet; I will keep trying.';
  }
  return `Its kickoff card could not be posted in this channel: ${outcome.why}. ${howToFix(group)}`;
}

/** What the organiser can do about a channel the bot cannot post in. */
export function howToFix(group: ReadingGroup): string {
  return (
    'The group is paused until that is fixed: invite the bot to this channel (or let it post here), then run ' +
    `\`/readinggroup resume ${group.id}\`. To meet in another channel instead, ` +
    `run \`/readinggroup archive ${group.id}\` and create the group there.`
  );
}

/** Posts the kickoff card again if the platform refused it before; undefined when it needed nothing. */
export async function repostKickoff(services: Services, group: ReadingGroup): Promise<KickoffOutcome | undefined> {
  const key = kickoffKey(group.id);
  if (!(await services.deliveries.reopen(key, services.clock.now()))) return undefined;
  await deliverNow(services, key);
  return kickoffOutcome(services, group.id);
}
