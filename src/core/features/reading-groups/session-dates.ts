/**
 * Where sessions fall in time. A session's truth is its local date in the group's
 * zone plus the group's local time; the UTC instant is derived with the shared
 * zoned-time rules (`../time/zoned.ts`), so skip and postpone keep the local time
 * across daylight-saving changes. No second time-zone math lives here.
 */
import { nextOccurrence } from '../../time/weekly.js';
import {
  addDays,
  formatLocalDate,
  parseLocalDate,
  zonedToUtc,
  type LocalDate,
  type Weekday,
} from '../../time/zoned.js';
import type { GroupSchedule, Session, SessionMove } from './model.js';

/** The instant of a local date at the group's local time. */
export function sessionInstant(schedule: GroupSchedule, localDate: string): Date {
  const date = parseLocalDate(localDate);
  if (!date) throw new Error(`stored session date ${localDate} is not a date`);
  const [hour = 0, minute = 0] = schedule.localTime.split(':').map(Number);
  return zonedToUtc(date, { hour, minute }, schedule.timeZone);
}

/**
 * The dates of `count` sessions: from `start` (already checked to fall on the
 * schedule's weekday) or else the first slot after `now`, then every N weeks.
 */
export function layOutSessions(
  schedule: GroupSchedule,
  count: number,
  now: Date,
  start?: LocalDate,
): { localDate: string; startsAt: Date }[] {
  const first = start ?? parseLocalDate(nextOccurrence(ruleOf(schedule), now).localDate);
  if (!first) throw new Error('no first session date');
  return Array.from({ length: count }, (_, i) => {
    const localDate = formatLocalDate(addDays(first, i * 7 * schedule.everyWeeks));
    return { localDate, startsAt: sessionInstant(schedule, localDate) };
  });
}

/** The sessions still to be held (not yet opened), in order. */
export function upcoming(sessions: readonly Session[]): Session[] {
  return sessions.filter((s) => s.status === 'scheduled');
}

/** Shifts every upcoming session by `days` local days, keeping the local time. */
export function shiftUpcoming(schedule: GroupSchedule, sessions: readonly Session[], days: number): SessionMove[] {
  return upcoming(sessions).map((s) => {
    const date = parseLocalDate(s.localDate);
    if (!date) throw new Error(`stored session date ${s.localDate} is not a date`);
    const localDate = formatLocalDate(addDays(date, days));
    return { number: s.number, localDate, startsAt: sessionInstant(schedule, localDate) };
  });
}

/** Skip: the next session takes the following slot, and the rest follow. */
export function skipMoves(schedule: GroupSchedule, sessions: readonly Session[]): SessionMove[] {
  return shiftUpcoming(schedule, sessions, 7 * schedule.everyWeeks);
}

/**
 * Resume after a pause: if the next session's time has passed, the remaining
 * sessions move by whole slots so that the next one is the first slot after `now`.
 */
export function resumeMoves(schedule: GroupSchedule, sessions: readonly Session[], now: Date): SessionMove[] {
  const next = upcoming(sessions)[0];
  if (!next || next.startsAt.getTime() > now.getTime()) return [];
  const slotDays = 7 * schedule.everyWeeks;
  const date = parseLocalDate(next.localDate);
  if (!date) throw new Error(`stored session date ${next.localDate} is not a date`);
  let days = slotDays;
  while (sessionInstant(schedule, formatLocalDate(addDays(date, days))).getTime() <= now.getTime()) days += slotDays;
  return shiftUpcoming(schedule, sessions, days);
}

function ruleOf(schedule: GroupSchedule) {
  const [hour = 0, minute = 0] = schedule.localTime.split(':').map(Number);
  return { weekday: schedule.weekday as Weekday, time: { hour, minute }, zone: schedule.timeZone };
}
