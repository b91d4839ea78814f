/**
 * Reads an iCalendar file back with ical.js (a maintained parser, as calendar importers
 * use), so tests check what an importer would see: each event's fields, its start as an
 * instant (resolved through the file's own VTIMEZONE) and as the wall-clock time in its zone.
 */
import ICAL from 'ical.js';

export interface ParsedEvent {
  readonly uid: string;
  readonly summary: string;
  readonly description: string;
  readonly sequence: number;
  readonly status: string;
  readonly url: string | null;
  readonly organizer: string | null;
  readonly organizerName: string | null;
  readonly start: string;
  readonly end: string;
  /** `2027-03-18 17:00 Europe/Berlin`: the wall-clock time and the zone it is written in. */
  readonly startLocal: string;
}

export interface ParsedCalendar {
  readonly name: string;
  readonly events: readonly ParsedEvent[];
  /** VTIMEZONE observances: [kind, DTSTART, TZOFFSETFROM, TZOFFSETTO]. */
  readonly observances: readonly (readonly [string, string, string, string])[];
}

const two = (n: number): string => String(n).padStart(2, '0');
const wallClock = (t: ICAL.Time): string =>
  `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)} ${t.zone?.tzid ?? '?'}`;

export function parseCalendar(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = root.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    const organizer = vevent.getFirstProperty('organizer');
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue('status')),
      url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
      organizer: (organizer?.getFirstValue() as string | undefined) ?? null,
      organizerName: (organizer?.getParameter('cn') as string | undefined) ?? null,
      start: start.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startLocal: wallClock(start),
    };
  });
  const observances = root.getAllSubcomponents('vtimezone').flatMap((zone) =>
    zone.getAllSubcomponents().map((o) => {
      // The value as written in the file, not as ical.js would convert it.
      const raw = (name: string): string => (o.getFirstProperty(name)?.toICALString() ?? '').replace(/^[^:]*:/u, '');
      return [o.name.toUpperCase(), raw('dtstart'), raw('tzoffsetfrom'), raw('tzoffsetto')] as const;
    }),
  );
  return { name: String(root.getFirstPropertyValue('x-wr-calname')), events, observances };
}

/** The problems with a file's lines: bare line breaks, lines over 75 octets, a missing final CRLF. */
export function lineProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('does not end with CRLF');
  if (/[^\r]\n|\r(?!\n)/u.test(text)) problems.push('has a line break that is not CRLF');
  text.split('\r\n').forEach((line, i) => {
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) problems.push(`line ${i + 1} has ${octets} octets`);
  });
  return problems;
}
