/** The group-level messages: the kickoff card (syllabus, schedule, Join/Leave) and the status reply. */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Block, Reply, Span } from '../../message.js';
import { plainSummary } from '../../plain-summary.js';
import { weekdayName } from '../../time/parse.js';
import type { Weekday } from '../../time/zoned.js';
import type { ReadingGroup, Rsvp, Session } from './model.js';
import { upcoming } from './session-dates.js';
import { ACTIONS } from './session-cards.js';
import { unitTitle } from './units.js';

/** Long syllabi (107 subsections) are cut on the card; `status` and the thread show the rest. */
const SHOWN_SESSIONS = 10;

export function scheduleText(group: ReadingGroup): string {
  const { weekday, localTime, timeZone, everyWeeks } = group.schedule;
  const cadence = everyWeeks === 1 ? 'every' : `every ${everyWeeks} weeks on`;
  return `${cadence} ${weekdayName(weekday as Weekday)} at ${localTime} (${timeZone})`;
}

export function kickoffCard(
  group: ReadingGroup,
  sessions: readonly Session[],
  catalog: AgendaCatalog,
  memberCount: number,
): Reply {
  const unitWord = group.unit === 'challenge' ? 'one challenge' : 'one subsection';
  const status: Span[] = group.status === 'active' ? [] : [` This group is ${group.status}.`];
  return {
    visibility: 'channel',
    summary: kickoffSummary(group, sessions, catalog, memberCount),
    blocks: [
      { kind: 'heading', text: `Reading group: ${group.name}` },
      {
        kind: 'text',
        spans: [
          `Organised by `,
          { mention: group.createdBy },
          `. We meet ${scheduleText(group)} and take ${unitWord} of `,
          { text: catalog.agenda.shortTitle, italic: true },
          ` per session.`,
          ...status,
        ],
      },
      {
        kind: 'fields',
        fields: [
          {
            label: 'Syllabus',
            value: [`${group.syllabusSpec} (${sessions.length} session${sessions.length === 1 ? '' : 's'})`],
          },
          { label: 'Members', value: [String(memberCount)] },
        ],
      },
      sessionList(sessions, catalog),
      {
        kind: 'context',
        spans: [
          'Dates and times are shown in your own time zone. Reminders go out before each session; choose a DM with `/readinggroup remind dm`.',
        ],
      },
      joinLeaveButtons(group),
    ],
  };
}

function kickoffSummary(
  group: ReadingGroup,
  sessions: readonly Session[],
  catalog: AgendaCatalog,
  memberCount: number,
): string {
  return plainSummary([
    `Reading group "${group.name}": ${sessions.length} session${sessions.length === 1 ? '' : 's'}, ${scheduleText(group)}. ${memberCount} members.`,
    {
      label: 'Syllabus: ',
      items: sessions.map(
        (s) => `${s.number}. ${s.startsAt.toISOString().slice(0, 10)} ${unitTitle(catalog, s.unitId)}`,
      ),
      end: '.',
    },
    'Press Join to take part.',
  ]);
}

/** The first sessions with their dates; the card says how many more there are. */
function sessionList(sessions: readonly Session[], catalog: AgendaCatalog): Block {
  const shown = sessions.slice(0, SHOWN_SESSIONS);
  return {
    kind: 'list',
    items: shown.map((s) => ({
      id: `Session ${s.number}`,
      text: [{ time: s.startsAt, style: 'date' }, ` — ${unitTitle(catalog, s.unitId)}`],
    })),
    ...(sessions.length > shown.length
      ? { more: `showing ${shown.length} of ${sessions.length} sessions — see all with /readinggroup status` }
      : {}),
  };
}

function joinLeaveButtons(group: ReadingGroup): Block {
  return {
    kind: 'buttons',
    buttons: [
      { action: ACTIONS.join, value: String(group.id), label: 'Join', style: 'primary' },
      { action: ACTIONS.leave, value: String(group.id), label: 'Leave' },
    ],
  };
}

export interface StatusInput {
  readonly group: ReadingGroup;
  readonly sessions: readonly Session[];
  readonly catalog: AgendaCatalog;
  readonly memberCount: number;
  readonly rsvpsOf: (number: number) => readonly Rsvp[];
}

export function statusReply({ group, sessions, catalog, memberCount, rsvpsOf }: StatusInput): Reply {
  const covered = sessions.filter((s) => s.status === 'covered').length;
  const held = sessions.filter((s) => s.status !== 'scheduled');
  const left = upcoming(sessions);
  const next = left[0];
  const attendance = held.map((s) => ({
    id: `Session ${s.number}`,
    going: rsvpsOf(s.number).filter((r) => r.answer === 'going').length,
    s,
  }));
  const nextSpans: Span[] = next
    ? group.status === 'paused'
      ? [`session ${next.number} (${unitTitle(catalog, next.unitId)}), on hold while the group is paused`]
      : [`session ${next.number}, `, { time: next.startsAt, style: 'full' }, ` — ${unitTitle(catalog, next.unitId)}`]
    : ['none: the syllabus is done'];
  return {
    visibility: 'ephemeral',
    summary: plainSummary(
      [
        `${group.name}: ${held.length} of ${sessions.length} sessions held (${covered} covered), ${left.length} left.`,
        next
          ? `Next: session ${next.number}, ${unitTitle(catalog, next.unitId)}${group.status === 'paused' ? ' (on hold: paused)' : ` on ${next.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`}.`
          : '',
        {
          label: 'Attendance: ',
          items: attendance.map((a) => `session ${a.s.number} ${a.going} going`),
          separator: ', ',
          end: '.',
        },
      ].filter((p) => p !== ''),
    ),
    blocks: [
      { kind: 'heading', text: `${group.name} (${group.status})` },
      {
        kind: 'fields',
        fields: [
          {
            label: 'Sessions',
            value: [`${held.length} held (${covered} marked covered), ${left.length} left, of ${sessions.length}`],
          },
          { label: 'Next', value: nextSpans },
          { label: 'Schedule', value: [scheduleText(group)] },
          { label: 'Members', value: [String(memberCount)] },
        ],
      },
      attendance.length > 0
        ? {
            kind: 'list',
            items: attendance.map((a) => ({
              id: a.id,
              text: [`${a.going} going — ${unitTitle(catalog, a.s.unitId)}`],
            })),
          }
        : { kind: 'text', spans: ['No session held yet, so no attendance to show.'] },
    ],
  };
}
