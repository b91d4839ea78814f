/**
 * Wall-clock time in IANA zones, with no date library. Offsets come from `tzdata.ts`
 * (current IANA data shipped as an npm package, not the runtime's older ICU copy);
 * everything else is here. Schedules are stored as (weekday, local time, zone); these
 * functions turn them into UTC instants with two rules of our own for daylight-saving days:
 * - a local time that does not exist (spring forward) happens at the first valid
 *   instant after the gap, i.e. the moment of the transition (02:30 on a 02:00→03:00
 *   night is 03:00);
 * - a local time that occurs twice (fall back) happens once, at its first occurrence.
 * These differ on purpose from Temporal's default ("compatible") and luxon's, which move
 * a time in a gap forward by the gap's length (02:30 → 03:30); keep them when changing
 * where offsets come from.
 */
import { tzdataOffsetMinutes } from './tzdata.js';

/** A calendar date without a zone. `month` is 1–12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** Weekday numbers as in `Date.getUTCDay()`: 0 Sunday … 6 Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface LocalParts extends LocalDate, TimeOfDay {
  readonly second: number;
  readonly weekday: Weekday;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const fallbackFormatters = new Map<string, Intl.DateTimeFormat>();

/** The runtime's offset, for a zone name `Intl` accepts but the IANA data does not hold. */
function runtimeOffsetMinutes(instant: number, zone: string): number {
  let formatter = fallbackFormatters.get(zone);
  if (!formatter) {
    const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' } as const;
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', ...fields });
    fallbackFormatters.set(zone, formatter);
  }
  const v: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) if (part.type !== 'literal') v[part.type] = Number(part.value);
  const asUtc = Date.UTC(v['year'] ?? 1970, (v['month'] ?? 1) - 1, v['day'] ?? 1, v['hour'] ?? 0, v['minute'] ?? 0);
  return Math.round((asUtc - Math.floor(instant / MINUTE) * MINUTE) / MINUTE);
}

/** The offset in minutes east, as precise as the data (old local mean times have seconds). */
function exactOffsetMinutes(instant: number, zone: string): number {
  return tzdataOffsetMinutes(instant, zone) ?? runtimeOffsetMinutes(instant, zone);
}

/** The wall-clock reading of `instant` in `zone`. */
export function localParts(instant: Date, zone: string): LocalParts {
  const local = new Date(instant.getTime() + Math.round(exactOffsetMinutes(instant.getTime(), zone) * MINUTE));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay() as Weekday,
  };
}

/** The zone's offset from UTC at `instant`, in minutes (east positive: Berlin in winter is +60). */
export function offsetMinutes(instant: number, zone: string): number {
  return Math.round(exactOffsetMinutes(instant, zone));
}

/**
 * The UTC instant of a local date and time in `zone`, following the two rules in the
 * module comment. Assumes at most one transition within a day either side, which holds
 * for every zone in the current IANA database.
 */
export function zonedToUtc(date: LocalDate, time: TimeOfDay, zone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offsets = new Set([
    offsetMinutes(naive - DAY, zone),
    offsetMinutes(naive, zone),
    offsetMinutes(naive + DAY, zone),
  ]);
  const valid = [...offsets]
    .map((o) => naive - o * MINUTE)
    .filter((t) => offsetMinutes(t, zone) * MINUTE === naive - t);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a gap: the transition lies between the instant read with the later offset
  // (still before it) and the one read with the earlier offset (already after it).
  const before = offsetMinutes(naive - DAY, zone);
  const after = offsetMinutes(naive + DAY, zone);
  let lo = naive - after * MINUTE;
  let hi = naive - before * MINUTE;
  if (lo > hi) [lo, hi] = [hi, lo];
  const late = offsetMinutes(hi, zone);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
    if (offsetMinutes(mid, zone) === late) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Adds days to a calendar date (no zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(date: LocalDate): Weekday {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() as Weekday;
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY);
}

/** `2024-03-10`. */
export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function parseLocalDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text.trim());
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = addDays(date, 0);
  return check.year === date.year && check.month === date.month && check.day === date.day ? date : undefined;
}

/** The ISO 8601 week of a calendar date, e.g. `2024-W10`: the key of "this week's post". */
export function isoWeek(date: LocalDate): string {
  const weekday = weekdayOf(date) || 7; // Monday 1 … Sunday 7
  const thursday = addDays(date, 4 - weekday);
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  const week = Math.floor(daysBetween(jan1, thursday) / 7) + 1;
  return `${thursday.year}-W${String(week).padStart(2, '0')}`;
}
