/** `/readinggroup create`: a new group in this channel, its sessions laid out, its kickoff card posted. */
import { UserError } from '../../../errors.js';
import type { Reply } from '../../../message.js';
import type { GroupSchedule, ReadingGroup } from '../model.js';
import { syncEvents } from '../events.js';
import { kickoffKey } from '../keys.js';
import { deliverNow, kickoffPlan } from '../publish.js';
import { layOutSessions } from '../session-dates.js';
import { parseUnit, resolveSyllabus } from '../syllabus.js';
import { formatTimeOfDay, parseTimeOfDay, parseTimeZone, parseWeekday, weekdayName } from '../../../time/parse.js';
import {
  localParts,
  parseLocalDate,
  weekdayOf,
  zonedToUtc,
  type LocalDate,
  type TimeOfDay,
  type Weekday,
} from '../../../time/zoned.js';
import { normalize } from '../../../text/similarity.js';
import { defineSubcommand } from '../../../commands/spec.js';
import type { Services } from '../../../services.js';
import { kickoffNote, kickoffOutcome } from './kickoff-outcome.js';

const MAX_NAME = 80;

export const create = defineSubcommand({
  name: 'create',
  description: 'Start a reading group in this channel; you become its organiser',
  examples: [
    '/readinggroup create name:"Safety RG"',
    '/readinggroup create name:"Deep RG" syllabus:3.4,3.5,2.5 unit:subsection day=thu time=17:00 tz=Europe/Berlin every=2 start=2027-01-14',
  ],
  options: [
    {
      name: 'name',
      kind: 'string',
      description: 'the group name, in quotes if it has spaces',
      syntax: 'keyed',
      required: true,
    },
    {
      name: 'syllabus',
      kind: 'string',
      description: 'all, a category, or challenge ids such as 3.4,3.5,2.5',
      syntax: 'keyed',
      autocomplete: 'scope',
    },
    {
      name: 'unit',
      kind: 'string',
      description: 'one challenge or one subsection per session',
      syntax: 'keyed',
      choices: ['challenge', 'subsection'],
    },
    { name: 'day', kind: 'string', description: 'weekday of the sessions (mon … sun)', syntax: 'keyed' },
    { name: 'time', kind: 'string', description: 'local start time, HH:MM 24-hour (default 17:00)', syntax: 'keyed' },
    { name: 'tz', kind: 'string', description: 'IANA time zone such as Europe/Berlin', syntax: 'keyed' },
    { name: 'every', kind: 'integer', description: 'weeks between sessions: 1 or 2', syntax: 'keyed', min: 1, max: 2 },
    { name: 'start', kind: 'string', description: 'date of the first session, YYYY-MM-DD', syntax: 'keyed' },
    {
      name: 'events',
      kind: 'string',
      description: 'also create Discord scheduled events: on or off',
      syntax: 'keyed',
      choices: ['on', 'off'],
    },
  ] as const,
  async run(ctx, args, services): Promise<Reply> {
    const feature = services.readingGroups;
    if (ctx.isDirect)
      throw new UserError(
        'group-needs-channel',
        'Create a reading group in a channel, not in a direct message: its reminders and threads go there.',
      );
    const name = newGroupName(args.name, await feature.store.groupsOf(ctx.actor.platform, ctx.actor.tenantId));

    const unit = parseUnit(args.unit);
    const catalog = services.agenda();
    const units = resolveSyllabus(catalog, args.syllabus, unit);
    const now = services.clock.now();
    const { schedule, start } = parseSchedule(args, services.settings.defaultTimezone, now);
    const eventsOn = args.events === undefined ? false : parseOnOff(args.events);
    if (eventsOn && !services.platforms.get(ctx.actor.platform)?.scheduledEvents) {
      throw new UserError(
        'events-unsupported',
        'events:on makes each session a Discord scheduled event; this platform has no scheduled events. Leave out events:.',
      );
    }

    const dates = layOutSessions(schedule, units.length, now, start);
    // The group and its kickoff post are written together: a crash cannot leave a group without its card planned.
    const group = await services.store.atomically(async (tx) => {
      const created = await tx.readingGroups.createGroup({
        platform: ctx.actor.platform,
        tenantId: ctx.actor.tenantId,
        channelId: ctx.conversation.channelId,
        name,
        unit,
        syllabusSpec: (args.syllabus ?? 'all').trim() || 'all',
        schedule,
        createdBy: ctx.actor.userId,
        createdAt: now,
        eventsOn,
        sessions: units.map((unitId, i) => ({ unitId, ...(dates[i] ?? { localDate: '', startsAt: now }) })),
      });
      await tx.deliveries.plan(await kickoffPlan(services, created, tx.readingGroups), now);
      return created;
    });
    return announceCreated(services, group, units.length, dates[0]);
  },
});

/** The options that say when the group meets. */
interface WhenOptions {
  readonly day?: string | undefined;
  readonly time?: string | undefined;
  readonly tz?: string | undefined;
  readonly every?: number | undefined;
  readonly start?: string | undefined;
}

/** The schedule from day=, time=, tz=, every= and start=, each checked in that order of the reply's refusals. */
function parseSchedule(
  args: WhenOptions,
  defaultTimezone: string,
  now: Date,
): { schedule: GroupSchedule; start: LocalDate | undefined } {
  const every = args.every ?? 1;
  if (every !== 1 && every !== 2)
    throw new UserError('bad-every', `every=${every} is not accepted: use every=1 (weekly) or every=2 (fortnightly).`);
  const timeZone = args.tz === undefined ? defaultTimezone : parseTimeZone(args.tz);
  const time = args.time === undefined ? { hour: 17, minute: 0 } : parseTimeOfDay(args.time);
  const start = args.start === undefined ? undefined : parseStart(args.start, time, timeZone, now);
  const weekday: Weekday = args.day !== undefined ? parseWeekday(args.day) : start ? weekdayOf(start) : 4;
  if (start && weekdayOf(start) !== weekday) {
    throw new UserError(
      'start-weekday',
      `start=${args.start} is a ${weekdayName(weekdayOf(start))}, but day=${args.day} asks for ${weekdayName(weekday)}s; leave out day= or choose a ${weekdayName(weekday)}.`,
    );
  }
  return { schedule: { weekday, localTime: formatTimeOfDay(time), timeZone, everyWeeks: every }, start };
}

/** Posts the kickoff card (and events) now, and tells the organiser what happened and when the first session is. */
async function announceCreated(
  services: Services,
  group: ReadingGroup,
  sessionCount: number,
  first: { startsAt: Date } | undefined,
): Promise<Reply> {
  await deliverNow(services, kickoffKey(group.id));
  const eventNote = group.eventsOn ? await syncEvents(services, group) : '';
  const kickoff = kickoffNote(await kickoffOutcome(services, group.id), group);
  const text = `Created "${group.name}" with ${sessionCount} session${sessionCount === 1 ? '' : 's'}; you are its organiser. ${kickoff}${eventNote}`;
  return {
    visibility: 'ephemeral',
    summary: text,
    blocks: [
      { kind: 'text', spans: [text] },
      ...(first
        ? [{ kind: 'text' as const, spans: ['First session: ', { time: first.startsAt, style: 'full' as const }, '.'] }]
        : []),
    ],
  };
}

/** The typed name, trimmed, when it is usable and not taken by another group here; otherwise a specific refusal. */
function newGroupName(raw: string, groupsHere: readonly ReadingGroup[]): string {
  const name = raw.trim();
  if (name === '' || name.length > MAX_NAME || /[\r\n]/u.test(name)) {
    throw new UserError(
      'bad-group-name',
      `name: a group name must be 1 to ${MAX_NAME} characters on one line, e.g. name:"Safety RG".`,
    );
  }
  if (/^#?\d+$/u.test(name))
    throw new UserError(
      'bad-group-name',
      `name:${name} looks like a group number; choose a name with letters, e.g. name:"Safety RG".`,
    );
  const taken = groupsHere.find((g) => normalize(g.name) === normalize(name));
  if (taken)
    throw new UserError(
      'group-name-taken',
      `There is already a reading group called "${taken.name}" here; choose another name.`,
    );
  return name;
}

/** The date of the first session from `start=`, refused when it is not a date or its session time has passed. */
function parseStart(raw: string, time: TimeOfDay, timeZone: string, now: Date): LocalDate {
  const start = parseLocalDate(raw);
  if (!start) throw new UserError('bad-start', `start=${raw} is not a date (use YYYY-MM-DD, e.g. 2027-01-14).`);
  if (zonedToUtc(start, time, timeZone).getTime() <= now.getTime()) {
    const today = localParts(now, timeZone);
    throw new UserError(
      'start-in-past',
      `start=${raw} at ${formatTimeOfDay(time)} has already passed in ${timeZone} (today is ${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}); choose a later date.`,
    );
  }
  return start;
}

function parseOnOff(raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (text === 'on') return true;
  if (text === 'off') return false;
  throw new UserError('bad-events', `events:${raw} is not accepted: use events:on or events:off.`);
}
