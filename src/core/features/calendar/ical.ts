/**
 * The text rules of iCalendar (RFC 5545, section 3), written out by hand: content lines
 * end in CRLF and are folded so no line is longer than 75 octets, never inside a UTF-8
 * sequence; TEXT values escape backslash, semicolon, comma and line breaks; parameter
 * values with `:;,` are quoted. Nothing here knows about reading groups.
 */

const CRLF = '\r\n';
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

/** Octets of one code point in UTF-8. */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one unfolded content line: a CRLF and a space go in before the octet that would
 * pass 75, counting the leading space of each continuation line. Code points are never split.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > MAX_OCTETS) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(CRLF);
}

/** Control characters other than tab are not allowed in iCalendar text (RFC 5545 3.3.11). */
// eslint-disable-next-line no-control-regex -- matching control characters is this expression's whole purpose.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/gu;

/** A TEXT value: `\` `;` `,` escaped, every line break (CRLF, CR, LF) written as `\n`. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?|\n/gu, '\n')
    .replace(CONTROL, '')
    .replace(/[\\;,]/gu, (c) => `\\${c}`)
    .replace(/\n/gu, '\\n');
}

/** A parameter value (CN, TZID): quoted when it holds `:`, `;` or `,`; a double quote cannot appear, so it is `'`. */
export function paramValue(text: string): string {
  const clean = text
    .replace(/\r\n?|\n/gu, ' ')
    .replace(CONTROL, '')
    .replace(/"/gu, "'");
  return /[:;,]/u.test(clean) ? `"${clean}"` : clean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A UTC DATE-TIME: `20270114T160000Z`. */
export function utcDateTime(instant: Date): string {
  return (
    `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
}

/** A local (zone-less) DATE-TIME, for use with a TZID or inside a VTIMEZONE: `20270114T170000`. */
export function localDateTime(parts: LocalDateTime): string {
  const date = `${pad(parts.year, 4)}${pad(parts.month)}${pad(parts.day)}`;
  return `${date}T${pad(parts.hour)}${pad(parts.minute)}${pad(parts.second ?? 0)}`;
}

/** A UTC-OFFSET from minutes east: `+0100`, `-0330`, `+0545`; seconds only when there are any. */
export function utcOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const totalSeconds = Math.round(Math.abs(minutesEast) * 60);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${sign}${pad(hours)}${pad(minutes)}${seconds === 0 ? '' : pad(seconds)}`;
}

/** A property's parameters, already written as values (`paramValue`). */
export type Params = Readonly<Record<string, string>>;

/** Collects content lines and writes the object: folded, CRLF after every line. */
export class ContentLines {
  readonly #lines: string[] = [];

  /** Adds `NAME;PARAM=…:value`. The value must already be in its type's form (`escapeText` for TEXT). */
  add(name: string, value: string, params: Params = {}): this {
    const written = Object.entries(params)
      .map(([key, v]) => `;${key}=${v}`)
      .join('');
    this.#lines.push(`${name}${written}:${value}`);
    return this;
  }

  /** A TEXT property, escaped here. */
  text(name: string, value: string, params: Params = {}): this {
    return this.add(name, escapeText(value), params);
  }

  begin(component: string): this {
    return this.add('BEGIN', component);
  }

  end(component: string): this {
    return this.add('END', component);
  }

  toString(): string {
    return this.#lines.map(foldLine).join(CRLF) + CRLF;
  }
}
