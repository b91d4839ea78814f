/**
 * The messages of one session: the reminder before it, the session card at its
 * start (RSVP buttons with a live count), and the first message in its thread
 * (the in-thread buttons). All are neutral `Reply`s; adapters render them.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Question } from '../../agenda/model.js';
import type { Block, Reply, Span } from '../../message.js';
import type { ReadingGroup, Rsvp, Session } from './model.js';
import { plainSummary, type SummaryPart } from '../../plain-summary.js';
import { originLabel, questionItem } from './questions.js';
import { readingBlocks, unitTitle } from './units.js';

export const ACTIONS = {
  join: 'rg-join',
  leave: 'rg-leave',
  going: 'rg-going',
  notGoing: 'rg-not-going',
  note: 'rg-note',
  more: 'rg-more',
  covered: 'rg-covered',
} as const;
export const NOTE_MODAL = 'rg-note';

export function sessionValue(session: Pick<Session, 'groupId' | 'number'>, card?: 'reminder' | 'session'): string {
  const suffix = card === undefined ? '' : card === 'reminder' ? ':r' : ':s';
  return `${session.groupId}:${session.number}${suffix}`;
}

export function rsvpLine(rsvps: readonly Rsvp[]): string {
  const going = rsvps.filter((r) => r.answer === 'going').length;
  const not = rsvps.length - going;
  return `${going} going · ${not} can't make it`;
}

function rsvpButtons(session: Session, card: 'reminder' | 'session'): Block {
  const value = sessionValue(session, card);
  return {
    kind: 'buttons',
    buttons: [
      { action: ACTIONS.going, value, label: 'Going', style: 'primary' },
      { action: ACTIONS.notGoing, value, label: "Can't make it" },
    ],
  };
}

/** The questions in plain text, each with its origin, for the summary (readers who hide embeds). */
function questionSummary(questions: readonly Question[]): SummaryPart {
  if (questions.length === 0) return 'No questions in the agenda for this unit yet: bring your own.';
  return {
    label: 'Questions: ',
    items: questions.map((q) => `${q.id} (${originLabel(q)}): ${q.text}`),
    separator: ' ',
  };
}

function questionBlocks(questions: readonly Question[]): Block[] {
  if (questions.length === 0)
    return [{ kind: 'text', spans: ['This unit has no questions in the agenda yet: bring your own.'] }];
  return [{ kind: 'list', items: questions.map(questionItem) }];
}

/** A reminder shows what a session card shows, addressed to the members it reminds. */
export interface ReminderInput extends SessionCardInput {
  /** Members reminded in the channel (the others get a DM). */
  readonly mentions: readonly string[];
  /**
   * A copy sent by direct message. It carries no RSVP buttons: a press in a DM has no
   * workspace or server to check the group against (Discord), so it points to the
   * channel's reminder instead.
   */
  readonly direct?: boolean;
}

export function reminderReply(input: ReminderInput): Reply {
  const { group, session, catalog } = input;
  const title = unitTitle(catalog, session.unitId);
  const who: Span[] = input.mentions.flatMap((id, i) => (i === 0 ? [{ mention: id }] : [' ', { mention: id }]));
  return {
    visibility: 'channel',
    // Members who chose channel reminders are notified (Discord pings only those named here).
    ...(input.mentions.length > 0 ? { notify: [...input.mentions] } : {}),
    summary: plainSummary([
      `Reminder: ${group.name} session ${session.number} (${title}) starts ${utcText(session.startsAt)}.`,
      `Read: ${catalog.link(session.unitId)}`,
      questionSummary(input.questions),
    ]),
    blocks: [
      { kind: 'heading', text: `${group.name}: session ${session.number} is coming up` },
      {
        kind: 'text',
        spans: [
          ...who,
          ...(who.length > 0 ? [' '] : []),
          'We meet ',
          { time: session.startsAt, style: 'full' },
          ' (',
          { time: session.startsAt, style: 'relative' },
          `). To read: ${title}.`,
        ],
      },
      ...readingBlocks(catalog, session.unitId),
      { kind: 'heading', text: 'Questions we will discuss' },
      ...questionBlocks(input.questions),
      ...(input.direct
        ? [
            {
              kind: 'context' as const,
              spans: [
                'RSVP with the buttons on the reminder in ',
                { channel: group.channelId },
                '. Times are shown in your own time zone.',
              ],
            },
          ]
        : [
            {
              kind: 'context' as const,
              spans: [`RSVP: ${rsvpLine(input.rsvps)}. Times are shown in your own time zone.`],
            },
            rsvpButtons(session, 'reminder'),
          ]),
    ],
  };
}

export interface SessionCardInput {
  readonly group: ReadingGroup;
  readonly session: Session;
  readonly catalog: AgendaCatalog;
  readonly questions: readonly Question[];
  readonly rsvps: readonly Rsvp[];
}

export function sessionCard(input: SessionCardInput): Reply {
  const { group, session, catalog } = input;
  const title = unitTitle(catalog, session.unitId);
  const facilitator: Span[] = session.facilitatorId
    ? [{ mention: session.facilitatorId }]
    : ['nobody yet: volunteer with `/readinggroup facilitate`'];
  const blocks: Block[] = [
    { kind: 'heading', text: `${group.name} · session ${session.number}: ${title}` },
    ...readingBlocks(catalog, session.unitId),
    {
      kind: 'fields',
      fields: [
        { label: 'When', value: [{ time: session.startsAt, style: 'full' }] },
        { label: 'Facilitator', value: facilitator },
        { label: 'RSVP', value: [rsvpLine(input.rsvps)] },
      ],
    },
    { kind: 'heading', text: 'Discussion questions' },
    ...questionBlocks(input.questions),
  ];
  if (session.status === 'covered') blocks.push({ kind: 'context', spans: ['✓ Marked covered by the organisers.'] });
  blocks.push(rsvpButtons(session, 'session'));
  const summary = plainSummary([
    `${group.name} session ${session.number}: ${title}. ${utcText(session.startsAt)}. RSVP: ${rsvpLine(input.rsvps)}.`,
    `Read: ${catalog.link(session.unitId)}`,
    questionSummary(input.questions),
  ]);
  return { visibility: 'channel', summary, blocks };
}

/** `2024-03-18 17:00 UTC`: plain text has no per-reader time zone, so it says which zone. */
function utcText(at: Date): string {
  return `${at.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/**
 * The first message inside the session's thread: where notes and more questions come
 * from. It ends with `related`, questions from other challenges, to connect sessions.
 */
export function threadStarter(group: ReadingGroup, session: Session, related: readonly Question[] = []): Reply {
  const value = sessionValue(session);
  const text = `Discuss session ${session.number} of ${group.name} here. Add a note for the group's record, ask for another question, or (organisers) mark the session covered.`;
  const relatedLabel = 'Related questions from other challenges';
  return {
    visibility: 'channel',
    summary: plainSummary([
      text,
      ...(related.length > 0
        ? [{ label: `${relatedLabel}: `, items: related.map((q) => `${q.id} (${originLabel(q)}): ${q.text}`) }]
        : []),
    ]),
    blocks: [
      { kind: 'text', spans: [text] },
      {
        kind: 'buttons',
        buttons: [
          { action: ACTIONS.note, value, label: 'Add note', style: 'primary' },
          { action: ACTIONS.more, value, label: 'Another question' },
          { action: ACTIONS.covered, value, label: 'Mark covered' },
        ],
      },
      ...(related.length > 0
        ? [
            { kind: 'text' as const, spans: [{ text: relatedLabel, bold: true }] },
            { kind: 'list' as const, items: related.map(questionItem) },
          ]
        : []),
    ],
  };
}
