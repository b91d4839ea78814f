/**
 * The parts of a person's home page, one function per part. Each part shows at most
 * `MAX_ITEMS` entries with their own buttons and says how many more there are: a button
 * row must never outlive the text it belongs to when a renderer cuts a long page.
 */
import type { Block, Button, ListItem } from '../../message.js';
import type { Services } from '../../services.js';
import { formatInZone } from '../../time/format.js';
import { clip, openButton, originTag } from '../lookups/format.js';
import type { ReadingGroup, RsvpAnswer, Session } from '../reading-groups/model.js';
import { upcoming } from '../reading-groups/session-dates.js';
import { ACTIONS as GROUP_ACTIONS } from '../reading-groups/session-cards.js';
import { scheduleText } from '../weekly-question/describe.js';
import type { Subscription } from '../weekly-question/model.js';
import { HOME_ACTIONS } from './actions.js';
import type { HomeViewer } from './viewer.js';

/** Entries per part that get their own text and buttons. */
export const MAX_ITEMS = 15;
/** Interested questions listed with an Open button each (the list itself may run longer). */
export const MAX_OPEN_BUTTONS = 10;

/** The person's direct-message subscriptions and the channel subscriptions they set up. */
export async function subscriptionsOf(services: Services, viewer: HomeViewer): Promise<readonly Subscription[]> {
  return (await services.subscriptions.list(viewer.platform, viewer.tenantId)).filter((s) =>
    s.target.kind === 'user' ? s.target.userId === viewer.userId : s.ownerId === viewer.userId,
  );
}

export function subscriptionBlocks(subscriptions: readonly Subscription[], viewer: HomeViewer): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Your weekly questions' }];
  for (const s of subscriptions.slice(0, MAX_ITEMS)) {
    const where = s.target.kind === 'channel' ? [{ channel: s.target.channelId }] : ['you, by direct message'];
    const state = s.paused
      ? `Paused${s.pausedReason ? ` (${s.pausedReason})` : ''}.`
      : `Next post: ${formatInZone(s.nextDueAt, viewer.zone, 'full')}.`;
    const when = `${scheduleText(s)}. ${state}`;
    const toggle: Button = s.paused
      ? { action: HOME_ACTIONS.resume, value: String(s.id), label: 'Resume', style: 'primary' }
      : { action: HOME_ACTIONS.pause, value: String(s.id), label: 'Pause' };
    const id = String(s.id);
    const unsubscribe: Button = { action: HOME_ACTIONS.unsubscribe, value: id, label: 'Unsubscribe', style: 'danger' };
    blocks.push(
      { kind: 'text', spans: [{ text: `Subscription ${id}`, bold: true }, ' to ', ...where, `, ${when}`] },
      { kind: 'buttons', buttons: [toggle, unsubscribe] },
    );
  }
  blocks.push(...moreNote(subscriptions.length, 'subscriptions', '/agenda subscriptions lists them all.'));
  return blocks;
}

/** A reading group the person belongs to, with its next session and their answer for it. */
export interface GroupEntry {
  readonly group: ReadingGroup;
  readonly next: Session | undefined;
  readonly rsvp: RsvpAnswer | undefined;
}

export async function groupsOf(services: Services, viewer: HomeViewer): Promise<GroupEntry[]> {
  const { store } = services.readingGroups;
  const groups = await store.groupsOf(viewer.platform, viewer.tenantId);
  const entries = await Promise.all(
    groups.map(async (group): Promise<GroupEntry[]> => {
      if (!(await store.members(group.id)).some((m) => m.userId === viewer.userId)) return [];
      const next = upcoming(await store.sessions(group.id))[0];
      const answers = next ? await store.rsvps(group.id, next.number) : [];
      const rsvp = answers.find((r) => r.userId === viewer.userId)?.answer;
      return [{ group, next, rsvp }];
    }),
  );
  return entries.flat();
}

const PRIMARY = 'primary' as const;

const RSVP_WORDS: Record<RsvpAnswer | 'none', string> = {
  going: 'going',
  'not-going': "can't make it",
  none: 'not answered yet',
};

export function groupBlocks(entries: readonly GroupEntry[], viewer: HomeViewer, services: Services): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Your reading groups' }];
  for (const { group, next, rsvp } of entries.slice(0, MAX_ITEMS)) {
    const paused = group.status === 'paused' ? ' (paused)' : '';
    if (!next) {
      const where = { channel: group.channelId };
      const name = { text: group.name, bold: true };
      blocks.push({ kind: 'text', spans: [name, `${paused} in `, where, ': no sessions left.'] });
      continue;
    }
    const unit = services.agenda().challenge(next.unitId)?.title ?? services.agenda().subsection(next.unitId)?.title;
    const what = `session ${next.number}: ${next.unitId}${unit ? ` ${unit}` : ''}`;
    const value = `${group.id}:${next.number}`;
    blocks.push(
      {
        kind: 'text',
        spans: [
          { text: group.name, bold: true },
          `${paused} in `,
          { channel: group.channelId },
          `. Next, ${what}, ${formatInZone(next.startsAt, viewer.zone, 'full')}.`,
          ` Your answer: ${RSVP_WORDS[rsvp ?? 'none']}.`,
        ],
      },
      {
        kind: 'buttons',
        buttons: [
          // Pressing Going again withdraws it, so it is highlighted only while it is not the answer.
          { action: GROUP_ACTIONS.going, value, label: 'Going', ...(rsvp === 'going' ? {} : { style: PRIMARY }) },
          { action: GROUP_ACTIONS.notGoing, value, label: "Can't make it" },
        ],
      },
    );
  }
  blocks.push(...moreNote(entries.length, 'groups', "/readinggroup status in a group's channel shows that group."));
  return blocks;
}

/** The questions the person marked Interested, newest first, each once. */
export async function interestIds(services: Services, viewer: HomeViewer): Promise<string[]> {
  const interests = [...(await services.subscriptions.interestsOf(viewer.platform, viewer.tenantId, viewer.userId))];
  interests.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return [...new Set(interests.map((i) => i.questionId))];
}

export function interestBlocks(ids: readonly string[], services: Services): Block[] {
  const catalog = services.agenda();
  const items: ListItem[] = ids.map((id) => {
    const question = catalog.question(id);
    if (!question) return { id, text: ['(no longer in the agenda)'] };
    const text = [clip(question.text, 90), ` — ${originTag(question)}`];
    return { id, text, origin: question.origin, originInText: true };
  });
  const openable = ids.filter((id) => catalog.question(id) !== undefined).slice(0, MAX_OPEN_BUTTONS);
  return [
    { kind: 'heading', text: 'Questions you are interested in' },
    { kind: 'list', items, ...(ids.length > openable.length ? { more: '/agenda interests lists them all.' } : {}) },
    ...(openable.length > 0 ? [{ kind: 'buttons' as const, buttons: openable.map((id) => openButton(id)) }] : []),
  ];
}

function moreNote(total: number, noun: string, hint: string): Block[] {
  if (total <= MAX_ITEMS) return [];
  return [{ kind: 'context', spans: [`Showing ${MAX_ITEMS} of ${total} ${noun}. ${hint}`] }];
}
