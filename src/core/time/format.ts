/**
 * Instants as wall-clock text in a named zone, for places that cannot hand the reader's
 * client a timestamp to localize (the terminal shell). The zone is always named, so a
 * reader never has to guess which clock a time is on.
 */
import { formatTimeOfDay, weekdayName } from './parse.js';
import { formatLocalDate, localParts } from './zoned.js';

/** The styles of a time span (see `Span` in `../message.ts`). */
export type TimeStyle = 'full' | 'date' | 'time' | 'relative';

/**
 * `Monday 2024-03-04 03:00 (America/New_York)`, or its date or time alone. `relative`
 * ("in 3 days" on chat platforms) is shown in full: a printed line does not age with the clock.
 */
export function formatInZone(instant: Date, zone: string, style: TimeStyle): string {
  const local = localParts(instant, zone);
  const date = `${weekdayName(local.weekday)} ${formatLocalDate(local)}`;
  const time = formatTimeOfDay(local);
  const text = style === 'date' ? date : style === 'time' ? time : `${date} ${time}`;
  return `${text} (${zone})`;
}
