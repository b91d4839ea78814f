/**
 * Weekly schedules: "Mondays at 09:00 in Europe/Berlin", optionally every N weeks
 * counted from an anchor date (reading groups). The database stores the rule and the
 * next due instant; these functions compute that instant and the local week it
 * belongs to, which keys "this week's post".
 */
import {
  addDays,
  daysBetween,
  formatLocalDate,
  isoWeek,
  localParts,
  weekdayOf,
  zonedToUtc,
  type LocalDate,
  type TimeOfDay,
  type Weekday,
} from './zoned.js';

export interface WeeklyRule {
  readonly weekday: Weekday;
  readonly time: TimeOfDay;
  readonly zone: string;
  /** Every N weeks (default 1), counted from the week of `anchor`. */
  readonly everyWeeks?: number;
  /** A local date in the first week of the series; required when `everyWeeks` > 1. */
  readonly anchor?: LocalDate;
}

/** One scheduled occurrence: when it happens, and the local date and ISO week it belongs to. */
export interface Occurrence {
  readonly at: Date;
  readonly localDate: string;
  readonly week: string;
}

function occurrenceOn(rule: WeeklyRule, date: LocalDate): Occurrence {
  return { at: zonedToUtc(date, rule.time, rule.zone), localDate: formatLocalDate(date), week: isoWeek(date) };
}

function inSeries(rule: WeeklyRule, date: LocalDate): boolean {
  const every = rule.everyWeeks ?? 1;
  if (every <= 1 || !rule.anchor) return true;
  const anchorWeekStart = addDays(rule.anchor, -((weekdayOf(rule.anchor) + 6) % 7));
  const weeks = Math.floor(daysBetween(anchorWeekStart, date) / 7);
  return ((weeks % every) + every) % every === 0;
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(rule: WeeklyRule, after: Date): Occurrence {
  const start = localParts(after, rule.zone);
  // Start a day early: the local date of `after` can lag a gap-shifted occurrence.
  let date: LocalDate = addDays(start, -1);
  const limit = 7 * Math.max(1, rule.everyWeeks ?? 1) + 2;
  for (let i = 0; i <= limit; i++, date = addDays(date, 1)) {
    if (weekdayOf(date) !== rule.weekday || !inSeries(rule, date)) continue;
    const occurrence = occurrenceOn(rule, date);
    if (occurrence.at.getTime() > after.getTime()) return occurrence;
  }
  throw new Error(`no occurrence of the weekly rule within ${limit} days after ${after.toISOString()}`);
}

/** The last occurrence at or before `atOrBefore`, if it is not earlier than `notBefore`. */
export function latestOccurrence(rule: WeeklyRule, atOrBefore: Date, notBefore: Date): Occurrence | undefined {
  let latest: Occurrence | undefined;
  let cursor = new Date(notBefore.getTime() - 1);
  // Bounded: a rule occurs at least once every `everyWeeks` weeks.
  for (;;) {
    const next = nextOccurrence(rule, cursor);
    if (next.at.getTime() > atOrBefore.getTime()) return latest;
    latest = next;
    cursor = next.at;
  }
}

/** The ISO week of an instant's local date in `zone` ("this week" for that zone). */
export function weekOf(instant: Date, zone: string): string {
  return isoWeek(localParts(instant, zone));
}
