/**
 * A VTIMEZONE for a group's zone, built from the bot's own zone data (`../../time/`),
 * covering only the span the calendar's sessions fall in: the offset in force at its
 * start, then one observance per transition inside it. Importers that know the zone
 * may use their own rules; those that do not, or whose rules are older than ours
 * (2026 changed Morocco and several Canadian zones), get the offsets the bot scheduled by.
 */
import { offsetMinutes } from '../../time/zoned.js';
import { localDateTime, utcOffset, type ContentLines } from './ical.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How far apart the offset is sampled; no zone changes offset twice within six hours. */
const STEP = 6 * HOUR;

export interface Transition {
  /** The first instant of the new offset. */
  readonly at: Date;
  readonly from: number;
  readonly to: number;
}

/** Names of UTC itself: sessions in these zones are written as UTC times, with no VTIMEZONE. */
const UTC_NAMES = /^(?:Etc\/)?(?:UTC|UCT|Universal|Zulu|GMT|GMT[+-]?0|Greenwich)$/u;

export function isUtcZone(zone: string): boolean {
  return UTC_NAMES.test(zone);
}

/** Every change of offset in `zone` in [from, to), found by sampling and then narrowing to the minute. */
export function zoneTransitions(zone: string, from: Date, to: Date): Transition[] {
  const found: Transition[] = [];
  let t = Math.floor(from.getTime() / MINUTE) * MINUTE;
  let offset = offsetMinutes(t, zone);
  while (t < to.getTime()) {
    const next = Math.min(t + STEP, to.getTime());
    const nextOffset = offsetMinutes(next, zone);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
        if (offsetMinutes(mid, zone) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ at: new Date(hi), from: offset, to: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return found;
}

/** The wall-clock reading of `instant` under a fixed offset. */
function wallClock(instant: number, offset: number): string {
  const d = new Date(instant + offset * MINUTE);
  return localDateTime({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  });
}

/**
 * Writes the VTIMEZONE for [from, to). Offsets that rise start a DAYLIGHT observance,
 * offsets that fall a STANDARD one; the opening observance takes the kind its first change
 * implies (STANDARD when there is none). Each DTSTART is the local time before the change,
 * as RFC 5545 3.6.5 asks.
 */
export function writeTimeZone(lines: ContentLines, zone: string, from: Date, to: Date): void {
  const transitions = zoneTransitions(zone, from, to);
  const opening = offsetMinutes(from.getTime(), zone);
  const firstChange = transitions[0];
  const openingKind = firstChange && firstChange.to < firstChange.from ? 'DAYLIGHT' : 'STANDARD';
  lines.begin('VTIMEZONE').text('TZID', zone);
  observance(lines, openingKind, wallClock(from.getTime(), opening), opening, opening);
  for (const t of transitions) {
    observance(lines, t.to > t.from ? 'DAYLIGHT' : 'STANDARD', wallClock(t.at.getTime(), t.from), t.from, t.to);
  }
  lines.end('VTIMEZONE');
}

function observance(lines: ContentLines, kind: 'STANDARD' | 'DAYLIGHT', start: string, from: number, to: number): void {
  lines.begin(kind).add('DTSTART', start);
  lines.add('TZOFFSETFROM', utcOffset(from)).add('TZOFFSETTO', utcOffset(to)).end(kind);
}
