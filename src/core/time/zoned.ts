/**
 * Wall-clock time in IANA zones, with `Intl.DateTimeFormat` only (no date library).
 * Schedules are stored as (weekday, local time, zone); these functions turn them into
 * UTC instants with two rules for daylight-saving days:
 * - a local time that does not exist (spring forward) happens at the first valid
 *   instant after the gap, i.e. the moment of the transition;
 * - a local time that occurs twice (fall back) happens once, at its first occurrence.
 */

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
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `zone`. */
export function localParts(instant: Date, zone: string): LocalParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const year = values['year'] ?? 0;
  const month = values['month'] ?? 1;
  const day = values['day'] ?? 1;
  return {
    year,
    month,
    day,
    hour: values['hour'] ?? 0,
    minute: values['minute'] ?? 0,
    second: values['second'] ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() as Weekday,
  };
}

/** The zone's offset from UTC at `instant`, in minutes (east positive: Berlin in winter is +60). */
export function offsetMinutes(instant: number, zone: string): number {
  const p = localParts(new Date(instant), zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/**
 * The UTC instant of a local date and time in `zone`, following the two rules in the
 * module comment. Assumes at most one transition within a day either side, which holds
 * for every zone in the current IANA database.
 */
export function zonedToUtc(date: LocalDate, time: TimeOfDay, zone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offsets = new Set([offsetMinutes(naive - DAY, zone), offsetMinutes(naive, zone), offsetMinutes(naive + DAY, zone)]);
  const valid = [...offsets].map((o) => naive - o * MINUTE).filter((t) => offsetMinutes(t, zone) * MINUTE === naive - t);
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
