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

const BLOCK = new Set(['p', 'div', 'dt', 'dd', 'summary', 'caption', 'td', 'th', 'blockquote', 'section', 'article', 'header']);
const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math']);
const SPACING = new Set([...BLOCK, 'br', 'li', 'tr', 'hr', 'ol', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img']);
const TAG = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/;
const PROGRESS_EVERY = 256 * 1024;

export function* htmlPieces(html: string, progress?: ProgressFn): Generator<Piece> {
  const lists: { ordered: boolean; next: number }[] = [];
  const stack: Collector[] = [];
  const out: Piece[] = [];
  let line = 1;
  let bold = 0;
  let i = 0;
  let nextReport = PROGRESS_EVERY;
  const advance = (to: number): void => {
    for (let k = i; k < to; k++) if (html.charCodeAt(k) === 10) line++;
    i = to;
  };
  const closeTop = (): void => {
    const c = stack.pop();
    if (c) emit(c, out);
  };
  const addText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (!top) return;
    top.parts.push(text);
    if (top.kind === 'block' && bold === 0 && text.trim().length > 0) top.allBold = false;
  };

  while (i < html.length) {
    if (progress && i >= nextReport) {
      progress(i, html.length);
      nextReport += PROGRESS_EVERY;
    }
    const lt = html.indexOf('<', i);
    if (lt === -1 || lt > i) {
      const end = lt === -1 ? html.length : lt;
      addText(decodeHTML(html.slice(i, end)));
      advance(end);
      continue;
    }
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      advance(end === -1 ? html.length : end + 3);
      continue;
    }
    if (html.startsWith('<!', i) || html.startsWith('<?', i)) {
      const end = html.indexOf('>', i);
      advance(end === -1 ? html.length : end + 1);
      continue;
    }
    // Bounded look at the tag, so a stray '<' in a huge file costs little.
    const tag = TAG.exec(html.slice(i, i + 4096));
    if (!tag || tag[1] === undefined) {
      addText('<');
      advance(i + 1);
      continue;
    }
    const name = tag[1].toLowerCase();
    const closing = tag[0].startsWith('</');
    const attrs = tag[2] ?? '';
    const tagLine = line;
    advance(i + tag[0].length);
    if (SPACING.has(name)) addText(' ');
    if (!closing && SKIP_CONTENT.has(name) && !attrs.trimEnd().endsWith('/')) {
      const closer = new RegExp(`</${name}`, 'ig');
      closer.lastIndex = i;
      const end = closer.exec(html)?.index ?? html.length;
      advance(end);
      continue;
    }
    if (name === 'strong' || name === 'b') {
      bold = Math.max(0, bold + (closing ? -1 : 1));
    } else if (name === 'ol' || name === 'ul') {
      if (!closing) {
        const owner = stack[stack.length - 1];
        if (owner?.kind === 'li') owner.hadList = true;
        lists.push({ ordered: name === 'ol', next: integerAttr(attrs, 'start') ?? 1 });
      } else if (lists.length > 0) {
        while (stack.length > 0 && (stack[stack.length - 1]?.listDepth ?? 0) >= lists.length && stack[stack.length - 1]?.kind === 'li') closeTop();
        lists.pop();
      }
    } else if (name === 'li') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'li' && top.listDepth === lists.length) closeTop();
      if (!closing) {
        const list = lists[lists.length - 1];
        const value = integerAttr(attrs, 'value');
        const number = value ?? list?.next ?? 1;
        if (list) list.next = number + 1;
        stack.push(collector('li', 'li', tagLine, number, list?.ordered ?? false, lists.length));
      }
    } else if (/^h[1-6]$/.test(name) || BLOCK.has(name)) {
      const kind = name.startsWith('h') && name.length === 2 ? 'heading' : 'block';
      if (!closing) {
        if (!stack.some((c) => c.kind === 'li')) stack.push(collector(name, kind, tagLine, 0, false, lists.length));
      } else {
        // Blocks inside an item are not collected, so their end tag must not close the item.
        const at = findLast(stack, (c) => c.tag === name, (c) => c.kind === 'li');
        if (at !== -1) while (stack.length > at) closeTop();
      }
    }
    if (out.length > 0) yield* out.splice(0);
  }
  while (stack.length > 0) closeTop();
  yield* out;
  progress?.(html.length, html.length);
}

function collector(tag: string, kind: Collector['kind'], line: number, number: number, ordered: boolean, listDepth: number): Collector {
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
    if (text.length > 0 && (c.allBold || HEADING_LIKE.test(text)) && !CITED.test(text)) out.push({ kind: 'heading', text, line: c.line });
  } else {
    // Navigation, tables of contents and group labels are not questions: in a bullet
    // list, or holding a list of their own, only items with a citation count.
    if ((!c.ordered || c.hadList) && !CITED.test(text)) return;
    const explicit = LEADING_NUMBER.exec(text);
    const number = !c.ordered && explicit?.[1] !== undefined ? Number(explicit[1]) : c.number;
    out.push({ kind: 'item', number, text: !c.ordered && explicit ? text.slice(explicit[0].length) : text, line: c.line });
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
