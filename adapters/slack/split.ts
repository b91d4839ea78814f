/**
 * Splitting rendered mrkdwn at safe places: never inside `<…>` (links, mentions,
 * dates) or an `&…;` entity, never between graphemes, preferring a line break, then a
 * space, over a hard cut. A link or date too long for a piece on its own keeps its label.
 */
import { firstGraphemeLength, isBoundary, shorten } from '../../src/core/text/cut.js';

/** Cuts `text` into pieces of at most `max` characters. Always returns at least one piece. */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const [head, tail] = firstPiece(rest, max);
    if (head !== '') pieces.push(head);
    rest = tail;
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** The first piece of `text` (at most `max` long, at a safe place) and the rest after it. */
function firstPiece(text: string, max: number): [string, string] {
  let rest = text;
  while (rest.length > max) {
    const cut = breakPoint(rest, max);
    if (cut > 0) return [rest.slice(0, cut).trimEnd(), rest.slice(cut).replace(/^[\n ]+/u, '')];
    rest = unwrapLeadingMarkup(rest);
  }
  return [rest, ''];
}

/** The first `max` characters (at a safe place), with an ellipsis when anything was cut. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${firstPiece(text, max - 1)[0]}…`;
}

/**
 * Text for Slack `plain_text` objects (headers, button labels, form titles), cut to `max`
 * characters with an ellipsis. Slack shows plain_text literally, so entities would show
 * as `&lt;`; angle brackets become look-alikes instead, so that no client can ever read
 * typed `<!channel>` or `<@U…>` there as a mention.
 */
export function truncatePlain(text: string, max: number): string {
  const safe = text.replace(/</gu, '‹').replace(/>/gu, '›');
  return shorten(safe, max);
}

/**
 * Where to end the first piece: the last line break in the second half of the window,
 * else the last space there, else the last position that splits no markup.
 */
function breakPoint(text: string, max: number): number {
  let newline = -1;
  let space = -1;
  let inAngle = false;
  let inEntity = false;
  // Places outside markup, latest last; only the one chosen is checked to be a grapheme boundary.
  const outside: number[] = [];
  for (let i = 0; i <= max && i < text.length; i += 1) {
    const char = text[i];
    if (!inAngle && !inEntity && i > 0) {
      outside.push(i);
      // A line break or space always starts a grapheme of its own.
      if (char === '\n' && text[i - 1] !== '\r') newline = i;
      else if (char === ' ') space = i;
    }
    if (char === '<') inAngle = true;
    else if (char === '>') inAngle = false;
    else if (char === '&' && !inAngle) inEntity = true;
    else if (char === ';') inEntity = false;
  }
  const half = Math.floor(max / 2);
  if (newline >= half) return newline;
  if (space >= half) return space;
  for (let k = outside.length - 1; k >= 0; k -= 1) {
    const at = outside[k] as number;
    if (isBoundary(text, at)) return at;
  }
  // Nothing safe in the window: markup longer than a piece (the caller unwraps it).
  return 0;
}

/**
 * The text with its first piece of markup, too long for a piece on its own, made shorter:
 * a link or date becomes its label, which still says what it was. Anything else with no
 * safe place in the window is a single grapheme longer than a piece, which is left out.
 */
function unwrapLeadingMarkup(text: string): string {
  const end = text.indexOf('>');
  if (text.startsWith('<') && end > 0) {
    const inner = text.slice(1, end);
    const bar = inner.indexOf('|');
    return `${bar >= 0 ? inner.slice(bar + 1) : ''}${text.slice(end + 1)}`;
  }
  return text.slice(firstGraphemeLength(text));
}
