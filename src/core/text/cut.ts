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

/** The longest boundary at most `max` (0 when even the first grapheme is longer). */
export function boundaryAtOrBefore(text: string, max: number): number {
  if (max >= text.length) return text.length;
  let best = 0;
  for (const { index, segment } of segmenter.segment(text)) {
    const end = index + segment.length;
    if (end > max) break;
    best = end;
  }
  return best;
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
