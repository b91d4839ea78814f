/**
 * Reading `day=`, `time=` and `tz=` as people type them, with replies that say what
 * was wrong and what is accepted. Shared by subscriptions and reading groups.
 */
import { UserError } from '../errors.js';
import { closestMatches } from '../text/similarity.js';
import type { TimeOfDay, Weekday } from './zoned.js';

const WEEKDAYS: readonly (readonly [Weekday, string])[] = [
  [0, 'sunday'],
  [1, 'monday'],
  [2, 'tuesday'],
  [3, 'wednesday'],
  [4, 'thursday'],
  [5, 'friday'],
  [6, 'saturday'],
];

/** `mon`, `Monday`, `tues`, `thu`…: any unambiguous start of an English weekday name, at least 2 letters. */
export function parseWeekday(raw: string, option = 'day'): Weekday {
  const text = raw.trim().toLowerCase();
  const matches = text.length >= 2 ? WEEKDAYS.filter(([, name]) => name.startsWith(text)) : [];
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only) return only[0];
  throw new UserError(
    'bad-weekday',
    `${option}=${raw} is not a day of the week (use mon, tue, wed, thu, fri, sat or sun).`,
  );
}

export function weekdayName(day: Weekday): string {
  const name = WEEKDAYS[day]?.[1] ?? 'monday';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `09:00`, `9:00` or `17:30`: 24-hour, minutes required. */
export function parseTimeOfDay(raw: string, option = 'time'): TimeOfDay {
  const match = /^(\d{1,2}):(\d{2})$/u.exec(raw.trim());
  const hour = match ? Number(match[1]) : Number.NaN;
  const minute = match ? Number(match[2]) : Number.NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    throw new UserError('bad-time', `${option}=${raw} is not a time of day (use HH:MM, 24-hour, e.g. 09:00 or 17:30).`);
  }
  return { hour, minute };
}

export function formatTimeOfDay(time: TimeOfDay): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

let zoneNames: readonly string[] | undefined;
function knownZones(): readonly string[] {
  zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return zoneNames;
}

/** Resolves an IANA zone name, case-insensitively, to its canonical spelling. */
export function parseTimeZone(raw: string, option = 'tz'): string {
  const text = raw.trim();
  const exact = knownZones().find((zone) => zone.toLowerCase() === text.toLowerCase());
  if (exact) return exact;
  // Links such as US/Eastern or Asia/Calcutta: accepted, stored under their canonical name.
  if (/^[A-Za-z_+\-/0-9]+$/u.test(text)) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
    } catch {
      // not a zone: fall through to the suggestion
    }
  }
  const near = closestMatches(text, knownZones(), 1);
  const hint =
    near[0] !== undefined
      ? `; did you mean ${near[0]}?`
      : ' (use an IANA name such as Europe/Berlin, America/New_York or UTC).';
  throw new UserError('bad-timezone', `${option}=${raw} is not a time zone${hint}`);
}
