/**
 * The one way text is shortened anywhere in the bot: only between graphemes (what a
 * reader sees as one character), so an emoji, a flag, a ZWJ family or a letter with its
 * combining accent is never split and no lone surrogate reaches a platform.
 *
 * Lengths are UTF-16 code units (`string.length`): that is what JavaScript measures and
 * never less than what Slack or Discord count, so a text that fits here fits there.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const ELLIPSIS = '…';

/** Where `text` may be cut: every grapheme boundary, from 0 to `text.length`. */
export function graphemeBoundaries(text: string): number[] {
  const ends = [0];
  for (const { index, segment } of segmenter.segment(text)) ends.push(index + segment.length);
  return ends;
}

/** How far back to look for a place known to start a grapheme; beyond it, runs are taken as they come. */
const LOOK_BACK = 512;
/** Enough text after a position to decide whether a grapheme goes on past it. */
const LOOK_AHEAD = 64;

/**
 * A position at or before `at` where a grapheme surely starts: before an ASCII character
 * (none of them extends the one before, except LF after CR). Segmenting only from there
 * keeps cutting cheap on long texts, where Intl.Segmenter is slow.
 */
function knownStart(text: string, at: number): number {
  const floor = Math.max(0, at - LOOK_BACK);
  for (let i = at; i > floor; i -= 1) {
    if (text.charCodeAt(i) < 0x80 && !(text[i] === '\n' && text[i - 1] === '\r')) return i;
  }
  // No ASCII nearby: start at the floor, but never between the halves of a surrogate pair.
  const low = text.charCodeAt(floor);
  return floor > 0 && low >= 0xdc00 && low <= 0xdfff ? floor - 1 : floor;
}

/** The last grapheme boundary at most `max` (0 when even the first grapheme is longer). */
export function boundaryAtOrBefore(text: string, max: number): number {
  if (max >= text.length) return text.length;
  if (max <= 0) return 0;
  const start = knownStart(text, max);
  // A grapheme starts right at `max` (the usual case: an ASCII character follows): nothing to segment.
  if (start === max) return max;
  let best = start;
  for (const { index, segment } of segmenter.segment(text.slice(start, max + LOOK_AHEAD))) {
    const end = start + index + segment.length;
    if (end > max) break;
    best = end;
  }
  return best;
}

/** The length of the first grapheme (0 for empty text). */
export function firstGraphemeLength(text: string): number {
  const segments = segmenter.segment(text.slice(0, 4 * LOOK_BACK));
  const first = segments[Symbol.iterator]().next();
  return first.done === true ? 0 : first.value.segment.length;
}

/** Whether a grapheme starts at `at` (so text may be cut there). */
export function isBoundary(text: string, at: number): boolean {
  return boundaryAtOrBefore(text, at) === at;
}

/** The longest head of whole graphemes that is at most `max` long; no mark added. */
export function headOf(text: string, max: number): string {
  return text.slice(0, boundaryAtOrBefore(text, Math.max(0, max)));
}

export interface ShortenOptions {
  /**
   * Prefer to end at a line break (`line`), a space (`word`), or anywhere (`none`);
   * a preferred break is taken only when it keeps at least half of the room, and
   * trailing spaces are then dropped before the mark.
   */
  readonly breakAt?: 'line' | 'word' | 'none';
  /** The mark that says something was cut; default "…". */
  readonly mark?: string;
}

/**
 * `text` if it is at most `max` long; otherwise its head, cut between graphemes (at a
 * line break or space when asked), then the mark, all within `max`.
 */
export function shorten(text: string, max: number, options: ShortenOptions = {}): string {
  if (text.length <= max) return text;
  const mark = options.mark ?? ELLIPSIS;
  if (max <= mark.length) return headOf(mark, max);
  const room = max - mark.length;
  let head = headOf(text, room);
  const breakChar = options.breakAt === 'line' ? '\n' : options.breakAt === 'word' ? ' ' : undefined;
  if (breakChar === undefined) return `${head}${mark}`;
  const at = head.lastIndexOf(breakChar);
  if (at >= room / 2) head = head.slice(0, at);
  return `${head.trimEnd()}${mark}`;
}
