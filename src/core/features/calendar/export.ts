/**
 * Gathers what a group's calendar shows (sessions, their revisions, the organiser, the
 * links of threads already opened) and writes it: for `/readinggroup calendar` and for
 * the subscribable feed alike, so both always say the same.
 */
import type { Services } from '../../services.js';
import { sessionThread } from '../reading-groups/keys.js';
import type { ReadingGroup, Session } from '../reading-groups/model.js';
import { groupCalendar } from './group-calendar.js';

/** A calendar ready to send: its file name and its text. */
export interface CalendarFile {
  readonly filename: string;
  readonly content: string;
  readonly sessions: number;
}

/** `safety-rg.ics`, from the group's name (its number when the name has no letters or digits). */
export function calendarFilename(group: Pick<ReadingGroup, 'id' | 'name'>): string {
  const slug = group.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
  return `${slug || `group-${group.id}`}.ics`;
}

/** The organiser each event names: the creator while they still organise, else the first organiser. */
async function organiserOf(services: Services, group: ReadingGroup): Promise<string | undefined> {
  const organisers = await services.readingGroups.store.organisers(group.id);
  return organisers.includes(group.createdBy) ? group.createdBy : organisers[0];
}

/** Links of the threads that exist. A link the platform cannot give is left out (and logged), never fatal. */
async function threadLinks(
  services: Services,
  group: ReadingGroup,
  sessions: readonly Session[],
): Promise<Map<number, string>> {
  const links = new Map<number, string>();
  const port = services.platforms.get(group.platform);
  if (!port?.threadLink) return links;
  for (const session of sessions) {
    if (session.status === 'scheduled') continue;
    const thread = await sessionThread(services, group.id, session.number);
    if (!thread) continue;
    try {
      const link = await port.threadLink(thread);
      if (link !== undefined) links.set(session.number, link);
    } catch (error) {
      services.logger.warn({ groupId: group.id, session: session.number, err: error }, 'no link for a session thread');
    }
  }
  return links;
}

export async function groupCalendarFile(services: Services, group: ReadingGroup): Promise<CalendarFile> {
  const sessions = await services.readingGroups.store.sessions(group.id);
  const content = groupCalendar({
    group,
    sessions,
    sequences: await services.calendars.sequences(group.id),
    organiserId: await organiserOf(services, group),
    threadLinks: await threadLinks(services, group, sessions),
    catalog: services.agenda(),
    now: services.clock.now(),
  });
  return { filename: calendarFilename(group), content, sessions: sessions.length };
}

/**
 * The feed behind `GET /calendar/<token>.ics`: the calendar of the group the token
 * opens, or undefined for a token that is unknown or was reset. Archived groups are
 * still served, so subscribed calendars learn that their sessions are cancelled.
 */
export async function calendarFeed(services: Services, token: string): Promise<CalendarFile | undefined> {
  const owner = await services.calendars.feedOwner(token);
  if (!owner) return undefined;
  const group = await services.readingGroups.store.group(owner.platform, owner.tenantId, owner.groupId);
  return group ? groupCalendarFile(services, group) : undefined;
}

/** The address of a feed: `<base>/calendar/<token>.ics`. */
export function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/u, '')}/calendar/${token}.ics`;
}
