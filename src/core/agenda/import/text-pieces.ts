/**
 * Plain text and Markdown, in the layout of the paper's companion site: questions
 * numbered per challenge, each ending with its subsection in parentheses, under
 * headings that name the challenge. One pass over the lines (linear in the input).
 *
 * Headings are recognised in these styles: `## 2.1 Title`, `**2.1 Title**`,
 * `Challenge 2.1: Title`, `2.1. Title` / `2.1 Title` on a line of its own, and a
 * Markdown heading holding the challenge's title. An item is `3. text` or `3) text`
 * (optionally after a bullet); its text may wrap onto following lines until a
 * blank line, a heading, the next item, or the citation that ends it.
 */
import { endsWithCitation } from './citation.js';
import { cleanInline, type Piece } from './outline.js';
import type { ProgressFn } from './types.js';

const ATX_HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const BOLD_LINE = /^(\*\*|__)(.+)\1\s*:?\s*$/;
const CHALLENGE_LINE = /^challenge\s+\d+\.\d+\b/i;
const BARE_DOTTED = /^\d+\.\d+\.?\s+\S/;
/** `3. text`, `3) text`, `- 3. text`, or a bold number `**3.** text`. */
const ITEM = /^(?:[-*+]\s+)?(?:\*\*|__)?(\d{1,6})[.)](?:\*\*|__)?(?:\s+(.*))?$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)\s*$/;

/** Reports progress about every this many lines on long inputs. */
const PROGRESS_EVERY = 20_000;

export function* textPieces(text: string, progress?: ProgressFn): Generator<Piece> {
  let open: { number: number; parts: string[]; line: number } | undefined;
  const close = (): Piece | undefined => {
    if (!open) return undefined;
    const piece: Piece = {
      kind: 'item',
      number: open.number,
      text: cleanInline(open.parts.join(' ')),
      line: open.line,
    };
    open = undefined;
    return piece;
  };
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = unwrapBoldItem(text.slice(start, end).replace(/\r$/, '').trim());
    start = end + 1;
    lineNo += 1;
    if (progress && lineNo % PROGRESS_EVERY === 0) progress(Math.min(start, text.length), text.length);

    if (line.length === 0 || SETEXT_UNDERLINE.test(line)) {
      const done = close();
      if (done) yield done;
      continue;
    }
    const heading = headingText(line, open !== undefined);
    if (heading !== undefined) {
      const done = close();
      if (done) yield done;
      yield { kind: 'heading', text: cleanInline(heading), line: lineNo };
      continue;
    }
    const item = ITEM.exec(line);
    if (item?.[1] !== undefined) {
      const done = close();
      if (done) yield done;
      open = { number: Number(item[1]), parts: [item[2] ?? ''], line: lineNo };
    } else if (open) {
      open.parts.push(line);
    }
    // Only the last two lines can hold the citation (it may wrap once), which keeps this linear.
    if (open && endsWithCitation(open.parts.slice(-2).join(' '))) {
      const done = close();
      if (done) yield done;
    }
  }
  const last = close();
  if (last) yield last;
  progress?.(text.length, text.length);
}

/**
 * The heading's words, or undefined if the line is not a heading. A bare
 * `2.1 Title` line inside an unfinished item is taken as the item's wrapped text.
 */
function headingText(line: string, insideItem: boolean): string | undefined {
  const atx = ATX_HEADING.exec(line);
  if (atx) return atx[1] ?? '';
  const bold = BOLD_LINE.exec(line);
  if (bold?.[2] !== undefined && !ITEM.test(bold[2])) return bold[2];
  if (insideItem) return undefined;
  if (CHALLENGE_LINE.test(line) || BARE_DOTTED.test(line)) return line;
  return undefined;
}

/** A whole line in bold that is an item (`**3. Question? (Section 2.1.3)**`) is read as the item. */
function unwrapBoldItem(line: string): string {
  const inner = BOLD_LINE.exec(line)?.[2];
  return inner !== undefined && ITEM.test(inner) ? inner : line;
}
