/**
 * Building a `Reply.summary` that carries the answer itself, not just a title: users
 * who hide embeds, notifications and screen readers get only this text. Discord's
 * message content holds 2,000 characters and Slack shortens long notification text,
 * so summaries stay within `SUMMARY_MAX`, cut between items (never inside an id) with
 * a count of what was left out.
 */
import { headOf } from './text/cut.js';

/** Room for a summary: under Discord's 2,000-character content, with space for mentions. */
export const SUMMARY_MAX = 1500;

/** A run of items (ids with titles, ids alone) written `label` + `a; b; c` + `end`. */
export interface SummaryList {
  readonly label: string;
  readonly items: readonly string[];
  /** Between items; `; ` unless given. */
  readonly separator?: string;
  /** After the last item, e.g. `.`. */
  readonly end?: string;
}

/** A sentence as is, or a list that may be shortened to fit. */
export type SummaryPart = string | SummaryList;

/**
 * `items` joined by `separator`, within `max` characters: whole items only, then
 * `…and N more` for those that did not fit. Only `…and N more` when even one item
 * would not fit (that alone may exceed a tiny `max`).
 */
export function listWithin(items: readonly string[], max: number, separator = '; '): string {
  const full = items.join(separator);
  if (full.length <= max) return full;
  for (let kept = items.length - 1; kept > 0; kept--) {
    const text = `${items.slice(0, kept).join(separator)}${separator}…and ${items.length - kept} more`;
    if (text.length <= max) return text;
  }
  return `…and ${items.length} more`;
}

/**
 * Sentences and lists joined by spaces, at most `max` characters. Lists share what
 * room the sentences leave, earlier lists first; a list with no items is left out.
 * Should the sentences alone be too long, the text is cut at a space and ends in `…`.
 */
export function plainSummary(parts: readonly SummaryPart[], max = SUMMARY_MAX): string {
  const present = parts.filter((p) => typeof p === 'string' || p.items.length > 0);
  // The least each part can take: a sentence in full, a list as its shortest form.
  const least = present.map((p) =>
    typeof p === 'string' ? p.length : shell(p) + Math.min(full(p).length, `…and ${p.items.length} more`.length),
  );
  let spare = max - least.reduce((a, b) => a + b, 0) - Math.max(0, present.length - 1);
  const texts = present.map((p, i) => {
    if (typeof p === 'string') return p;
    const room = (least[i] ?? 0) - shell(p) + Math.max(0, spare);
    const text = `${p.label}${listWithin(p.items, room, p.separator)}${p.end ?? ''}`;
    spare -= text.length - (least[i] ?? 0);
    return text;
  });
  return cutAtSpace(texts.join(' '), max);
}

function shell(list: SummaryList): number {
  return list.label.length + (list.end?.length ?? 0);
}

function full(list: SummaryList): string {
  return list.items.join(list.separator ?? '; ');
}

/** The first sentence of a paragraph (the whole paragraph if it has no sentence end). */
export function firstSentence(text: string): string {
  const match = /^.*?(?<!\b(?:e\.g|i\.e|cf|vs|al|etc))[.!?](?=\s+[A-Z0-9("“]|$)/su.exec(text.trim());
  return (match?.[0] ?? text).trim();
}

/** Cuts at the last space that keeps the text within `max`, marking the cut with `…`. */
export function cutAtSpace(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = headOf(text, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > 0 ? head.slice(0, space) : head).trimEnd()}…`;
}
