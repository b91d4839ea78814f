/**
 * HTML, as the companion site's page saved from a browser: the same questions in
 * `<ol>`/`<li>` elements under headings. A small forward-only walker (linear in the
 * input; no DOM): it tolerates unclosed `<li>`/`<p>`, skips scripts, styles and
 * comments, decodes character references (the full HTML table, from `entities`), and keeps the line of each `<li>`.
 */
import { decodeHTML } from 'entities';
import type { Piece } from './outline.js';
import type { ProgressFn } from './types.js';

interface Collector {
  readonly tag: string;
  readonly kind: 'li' | 'heading' | 'block';
  readonly line: number;
  readonly number: number;
  readonly ordered: boolean;
  readonly listDepth: number;
  readonly parts: string[];
  /** Block only: every word so far sat inside <strong>/<b> (a bold paragraph is a heading). */
  allBold: boolean;
  /** Li only: it held a list of its own (then it is a group label, not a question). */
  hadList: boolean;
}

const BLOCK = new Set([
  'p',
  'div',
  'dt',
  'dd',
  'summary',
  'caption',
  'td',
  'th',
  'blockquote',
  'section',
  'article',
  'header',
]);
const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math']);
const SPACING = new Set([...BLOCK, 'br', 'li', 'tr', 'hr', 'ol', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img']);
const TAG = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/;
const PROGRESS_EVERY = 256 * 1024;

/** Everything the walk knows at a point in the input; the functions below advance it. */
interface Walk {
  readonly html: string;
  /** The open `<ol>`/`<ul>` elements, innermost last, each with the number its next item gets. */
  readonly lists: { ordered: boolean; next: number }[];
  /** The elements whose text is being collected, innermost last. */
  readonly stack: Collector[];
  /** Pieces finished but not yet handed out. */
  readonly out: Piece[];
  /** Position in `html`, and its line number (1-based). */
  at: number;
  line: number;
  /** How many <strong>/<b> elements are open here. */
  bold: number;
}

/** A start or end tag, read. */
interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attrs: string;
  readonly line: number;
}

export function* htmlPieces(html: string, progress?: ProgressFn): Generator<Piece> {
  const walk: Walk = { html, lists: [], stack: [], out: [], at: 0, line: 1, bold: 0 };
  let nextReport = PROGRESS_EVERY;
  while (walk.at < html.length) {
    if (progress && walk.at >= nextReport) {
      progress(walk.at, html.length);
      nextReport += PROGRESS_EVERY;
    }
    step(walk);
    if (walk.out.length > 0) yield* walk.out.splice(0);
  }
  while (walk.stack.length > 0) closeTop(walk);
  yield* walk.out;
  progress?.(html.length, html.length);
}

/** Reads one thing at the current position: a run of text, a comment, a declaration or a tag. */
function step(walk: Walk): void {
  const { html, at } = walk;
  const lt = html.indexOf('<', at);
  if (lt === -1 || lt > at) {
    const end = lt === -1 ? html.length : lt;
    addText(walk, decodeHTML(html.slice(at, end)));
    advance(walk, end);
  } else if (html.startsWith('<!--', at)) {
    skipPast(walk, '-->', at + 4);
  } else if (html.startsWith('<!', at) || html.startsWith('<?', at)) {
    skipPast(walk, '>', at);
  } else {
    readTag(walk);
  }
}

function readTag(walk: Walk): void {
  // Bounded look at the tag, so a stray '<' in a huge file costs little.
  const match = TAG.exec(walk.html.slice(walk.at, walk.at + 4096));
  if (!match || match[1] === undefined) {
    addText(walk, '<');
    advance(walk, walk.at + 1);
    return;
  }
  const name = match[1].toLowerCase();
  const tag: Tag = { name, closing: match[0].startsWith('</'), attrs: match[2] ?? '', line: walk.line };
  advance(walk, walk.at + match[0].length);
  if (SPACING.has(name)) addText(walk, ' ');
  if (!tag.closing && SKIP_CONTENT.has(name) && !tag.attrs.trimEnd().endsWith('/')) skipContent(walk, name);
  else onTag(walk, tag);
}

/** What a tag does to the walk: bold counts, lists, items, and the headings and blocks that may be headings. */
function onTag(walk: Walk, tag: Tag): void {
  const { name, closing } = tag;
  if (name === 'strong' || name === 'b') {
    walk.bold = Math.max(0, walk.bold + (closing ? -1 : 1));
  } else if (name === 'ol' || name === 'ul') {
    if (closing) closeList(walk);
    else openList(walk, tag);
  } else if (name === 'li') {
    onItemTag(walk, tag);
  } else if (/^h[1-6]$/.test(name) || BLOCK.has(name)) {
    if (closing) closeBlock(walk, tag);
    else openBlock(walk, tag);
  }
}

function openList(walk: Walk, tag: Tag): void {
  const owner = top(walk);
  if (owner?.kind === 'li') owner.hadList = true;
  walk.lists.push({ ordered: tag.name === 'ol', next: integerAttr(tag.attrs, 'start') ?? 1 });
}

/** Ends the innermost list, and with it any item of that list still open. */
function closeList(walk: Walk): void {
  if (walk.lists.length === 0) return;
  while (top(walk)?.kind === 'li' && (top(walk)?.listDepth ?? 0) >= walk.lists.length) closeTop(walk);
  walk.lists.pop();
}

/** A `<li>` ends the open item of the same list (end tags are optional); a start tag begins the next one. */
function onItemTag(walk: Walk, tag: Tag): void {
  const open = top(walk);
  if (open?.kind === 'li' && open.listDepth === walk.lists.length) closeTop(walk);
  if (tag.closing) return;
  const list = walk.lists[walk.lists.length - 1];
  const number = integerAttr(tag.attrs, 'value') ?? list?.next ?? 1;
  if (list) list.next = number + 1;
  walk.stack.push(collector('li', 'li', tag.line, number, list?.ordered ?? false, walk.lists.length));
}

/** Headings and blocks are collected only outside items: inside one, their text belongs to the item. */
function openBlock(walk: Walk, tag: Tag): void {
  if (walk.stack.some((c) => c.kind === 'li')) return;
  const kind = tag.name.startsWith('h') && tag.name.length === 2 ? 'heading' : 'block';
  walk.stack.push(collector(tag.name, kind, tag.line, 0, false, walk.lists.length));
}

function closeBlock(walk: Walk, tag: Tag): void {
  // Blocks inside an item are not collected, so their end tag must not close the item.
  const at = findLast(
    walk.stack,
    (c) => c.tag === tag.name,
    (c) => c.kind === 'li',
  );
  if (at !== -1) while (walk.stack.length > at) closeTop(walk);
}

function top(walk: Walk): Collector | undefined {
  return walk.stack[walk.stack.length - 1];
}

function closeTop(walk: Walk): void {
  const c = walk.stack.pop();
  if (c) emit(c, walk.out);
}

function addText(walk: Walk, text: string): void {
  const open = top(walk);
  if (!open) return;
  open.parts.push(text);
  if (open.kind === 'block' && walk.bold === 0 && text.trim().length > 0) open.allBold = false;
}

/** Moves to `to`, counting the line breaks passed over. */
function advance(walk: Walk, to: number): void {
  for (let k = walk.at; k < to; k++) if (walk.html.charCodeAt(k) === 10) walk.line++;
  walk.at = to;
}

/** Moves past the next `closer` found from `from`, or to the end if there is none. */
function skipPast(walk: Walk, closer: string, from: number): void {
  const end = walk.html.indexOf(closer, from);
  advance(walk, end === -1 ? walk.html.length : end + closer.length);
}

/** Moves to the end tag of a script, style or the like, whose content is not text. */
function skipContent(walk: Walk, name: string): void {
  const closer = new RegExp(`</${name}`, 'ig');
  closer.lastIndex = walk.at;
  advance(walk, closer.exec(walk.html)?.index ?? walk.html.length);
}

function collector(
  tag: string,
  kind: Collector['kind'],
  line: number,
  number: number,
  ordered: boolean,
  listDepth: number,
): Collector {
  return { tag, kind, line, number, ordered, listDepth, parts: [], allBold: true, hadList: false };
}

const LEADING_NUMBER = /^(\d{1,4})[.)]\s+/;
const CITED = /[([]\s*(?:sections?|secs?\.?|§)\s*\d+\.\d+/i;
const HEADING_LIKE = /^(?:challenge\s+)?\d+\.\d+\.?(?:\s|:|$)/i;

function emit(c: Collector, out: Piece[]): void {
  const text = c.parts.join('').replace(/\s+/g, ' ').trim();
  if (c.kind === 'heading') {
    if (text.length > 0) out.push({ kind: 'heading', text, line: c.line });
  } else if (c.kind === 'block') {
    if (text.length > 0 && (c.allBold || HEADING_LIKE.test(text)) && !CITED.test(text))
      out.push({ kind: 'heading', text, line: c.line });
  } else {
    // Navigation, tables of contents and group labels are not questions: in a bullet
    // list, or holding a list of their own, only items with a citation count.
    if ((!c.ordered || c.hadList) && !CITED.test(text)) return;
    const explicit = LEADING_NUMBER.exec(text);
    const number = !c.ordered && explicit?.[1] !== undefined ? Number(explicit[1]) : c.number;
    out.push({
      kind: 'item',
      number,
      text: !c.ordered && explicit ? text.slice(explicit[0].length) : text,
      line: c.line,
    });
  }
}

function integerAttr(attrs: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*["']?(-?\\d+)`, 'i').exec(attrs);
  return match?.[1] !== undefined ? Number(match[1]) : undefined;
}

/** Index of the last item passing `test`, searching down from the top; -1 if `barrier` is met first. */
function findLast<T>(items: readonly T[], test: (item: T) => boolean, barrier: (item: T) => boolean): number {
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k] as T;
    if (test(item)) return k;
    if (barrier(item)) return -1;
  }
  return -1;
}
