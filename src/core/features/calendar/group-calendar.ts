/**
 * A reading group's sessions as one iCalendar object (RFC 5545): one VEVENT per session,
 * titled by its challenge (or subsection), with what to read, the session thread's link
 * once it exists, the organiser, and the group's zone. Pure: the caller gathers the
 * sessions, revisions, links and the clock; this only writes text.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Platform } from '../../context.js';
import { localParts } from '../../time/zoned.js';
import type { ReadingGroup, Session } from '../reading-groups/model.js';
import { challengeIdOf } from '../reading-groups/questions.js';
import { SESSION_MS } from '../reading-groups/events.js';
import { unitTitle } from '../reading-groups/units.js';
import { ContentLines, localDateTime, paramValue, utcDateTime } from './ical.js';
import { isUtcZone, writeTimeZone } from './vtimezone.js';

const DAY = 24 * 60 * 60_000;
export const PRODUCT_ID = '-//agendabot//reading-group calendar//EN';

export interface GroupCalendarInput {
  readonly group: ReadingGroup;
  readonly sessions: readonly Session[];
  /** SEQUENCE by session number (absent: 0). */
  readonly sequences: ReadonlyMap<number, number>;
  /** The organiser named in each event (a user id on the group's platform), if any. */
  readonly organiserId: string | undefined;
  /** Session thread links by session number, for threads that exist. */
  readonly threadLinks: ReadonlyMap<number, string>;
  readonly catalog: AgendaCatalog;
  /** DTSTAMP: when this copy was made. */
  readonly now: Date;
}

/**
 * A session's UID: stable for the life of the session across every export and the feed,
 * so importing the file again updates events instead of adding them. Platform and tenant
 * keep groups of different workspaces apart.
 */
export function sessionUid(group: Pick<ReadingGroup, 'platform' | 'tenantId' | 'id'>, number: number): string {
  return `${group.platform}-${group.tenantId}-rg${group.id}-s${number}@agendabot`;
}

/** Sessions not yet held are CANCELLED once the group is archived, TENTATIVE while it is paused (dates will move). */
export function sessionStatus(group: ReadingGroup, session: Session): 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED' {
  if (session.status !== 'scheduled') return 'CONFIRMED';
  if (group.status === 'archived') return 'CANCELLED';
  return group.status === 'paused' ? 'TENTATIVE' : 'CONFIRMED';
}

/** How each platform's user can be addressed as a URI (ORGANIZER is a cal-address). None for the local shell. */
function organiserUri(platform: Platform, tenantId: string, userId: string): string | undefined {
  if (platform === 'slack') return `slack://user?team=${encodeURIComponent(tenantId)}&id=${encodeURIComponent(userId)}`;
  if (platform === 'discord') return `https://discord.com/users/${encodeURIComponent(userId)}`;
  return undefined;
}

/** What to read, in plain text: the challenge's summary, its subsections, the paper link, the thread. */
export function readingText(
  catalog: AgendaCatalog,
  group: ReadingGroup,
  session: Session,
  threadLink: string | undefined,
): string {
  const lines = [`Session ${session.number} of ${group.name}: ${unitTitle(catalog, session.unitId)}.`];
  const challenge = catalog.challenge(challengeIdOf(session.unitId));
  if (challenge) {
    lines.push('', `Read before the session: ${challenge.summary}`);
    if (session.unitId === challenge.id && challenge.subsections.length > 0) {
      lines.push('', 'Subsections:', ...challenge.subsections.map((s) => `- ${s.section} ${s.title}`));
    }
    lines.push('', `In the paper: ${catalog.link(session.unitId)}`);
  } else {
    lines.push('', 'This unit is no longer in the agenda; the organisers may skip this session.');
  }
  if (threadLink !== undefined) lines.push(`Discussion thread: ${threadLink}`);
  if (sessionStatus(group, session) === 'CANCELLED') lines.unshift('Cancelled: the group was archived.', '');
  return lines.join('\n');
}

/** The whole calendar. Times carry the group's TZID with a VTIMEZONE, or are UTC for a group kept in UTC. */
export function groupCalendar(input: GroupCalendarInput): string {
  const { group, sessions } = input;
  const zone = group.schedule.timeZone;
  const utc = isUtcZone(zone);
  const lines = new ContentLines()
    .begin('VCALENDAR')
    .add('VERSION', '2.0')
    .add('PRODID', PRODUCT_ID)
    .add('CALSCALE', 'GREGORIAN')
    .add('METHOD', 'PUBLISH')
    .text('NAME', `${group.name} (reading group)`)
    .text('X-WR-CALNAME', `${group.name} (reading group)`)
    .text('X-WR-TIMEZONE', zone)
    .add('REFRESH-INTERVAL', 'PT1H', { VALUE: 'DURATION' })
    .add('X-PUBLISHED-TTL', 'PT1H');
  const starts = sessions.map((s) => s.startsAt.getTime());
  if (!utc && starts.length > 0) {
    writeTimeZone(lines, zone, new Date(Math.min(...starts) - DAY), new Date(Math.max(...starts) + DAY));
  }
  for (const session of sessions) writeEvent(lines, input, session, utc);
  return lines.end('VCALENDAR').toString();
}

function writeEvent(lines: ContentLines, input: GroupCalendarInput, session: Session, utc: boolean): void {
  const { group, catalog } = input;
  const zone = group.schedule.timeZone;
  const at = (instant: Date): [string, Record<string, string>] =>
    utc ? [utcDateTime(instant), {}] : [localDateTime(localParts(instant, zone)), { TZID: paramValue(zone) }];
  const [start, startParams] = at(session.startsAt);
  const [end, endParams] = at(new Date(session.startsAt.getTime() + SESSION_MS));
  const link = input.threadLinks.get(session.number);
  lines
    .begin('VEVENT')
    .text('UID', sessionUid(group, session.number))
    .add('DTSTAMP', utcDateTime(input.now))
    .add('SEQUENCE', String(input.sequences.get(session.number) ?? 0))
    .add('DTSTART', start, startParams)
    .add('DTEND', end, endParams)
    .text('SUMMARY', `${unitTitle(catalog, session.unitId)} · ${group.name}`)
    .text('DESCRIPTION', readingText(catalog, group, session, link))
    .add('STATUS', sessionStatus(group, session));
  if (link !== undefined) lines.add('URL', link);
  const { organiserId } = input;
  const organiser = organiserId === undefined ? undefined : organiserUri(group.platform, group.tenantId, organiserId);
  if (organiser !== undefined) lines.add('ORGANIZER', organiser, { CN: paramValue(`${group.name} organiser`) });
  lines.end('VEVENT');
}
