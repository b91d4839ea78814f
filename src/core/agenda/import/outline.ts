/**
 * The common middle of the text and HTML parsers: a document is a run of headings
 * and numbered items. Headings set the challenge the following items belong to;
 * each item's citation is split off its text.
 */
import type { Candidate } from './check.js';
import { splitCitation } from './citation.js';
import type { ImportTarget } from './types.js';

export type Piece =
  | { readonly kind: 'heading'; readonly text: string; readonly line: number }
  | { readonly kind: 'item'; readonly number: number; readonly text: string; readonly line: number };

/** What a heading says about the challenge of the items below it. */
export type HeadingMeaning =
  | { readonly kind: 'challenge'; readonly id: string; readonly known: boolean }
  /** A category heading (`# 3 Deployment …`) or an unrelated one (`## Questions`): no change. */
  | { readonly kind: 'other' };

const NUMBERED_HEADING = /^(?:challenge|section|§)?\s*(\d+(?:\.\d+)*)\.?(?=[\s:–—-]|$)/i;

export function headingMeaning(text: string, target: ImportTarget): HeadingMeaning {
  const words = text.trim();
  const numbered = NUMBERED_HEADING.exec(words);
  if (numbered?.[1] !== undefined) {
    const parts = numbered[1].split('.');
    if (parts.length >= 2) {
      const id = parts.slice(0, 2).join('.');
      return { kind: 'challenge', id, known: target.hasChallenge(id) };
    }
    return { kind: 'other' };
  }
  const byTitle = target.challengeByTitle(words);
  return byTitle !== undefined ? { kind: 'challenge', id: byTitle, known: true } : { kind: 'other' };
}

/** Turns headings and items into candidates, tracking the challenge each item sits under. */
export function* candidatesOf(pieces: Iterable<Piece>, target: ImportTarget): Generator<Candidate> {
  let current: HeadingMeaning = { kind: 'other' };
  for (const piece of pieces) {
    if (piece.kind === 'heading') {
      const meaning = headingMeaning(piece.text, target);
      if (meaning.kind === 'challenge') current = meaning;
      continue;
    }
    const { text, sections } = splitCitation(piece.text);
    const place = { line: piece.line };
    if (current.kind !== 'challenge') {
      yield { number: piece.number, text, sections, place };
    } else if (!current.known) {
      yield { unknownChallenge: current.id, number: piece.number, text, sections, place };
    } else {
      yield { challengeId: current.id, number: piece.number, text, sections, place };
    }
  }
}

/** Folds runs of white space and removes light Markdown emphasis, links and code marks. */
export function cleanInline(text: string): string {
  let out = text;
  // Each rewrite runs only when its marker is present: most lines have none, and on
  // a 10 MB list the unconditional regexes were most of the parse time.
  if (out.includes('](')) out = out.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (out.includes('**') || out.includes('__')) out = out.replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2');
  if (out.includes('*') || out.includes('_'))
    out = out.replace(/(^|[\s(])[*_](?=\S)(.+?)(?<=\S)[*_](?=[\s).,;:?!]|$)/g, '$1$2');
  if (out.includes('`')) out = out.replace(/`([^`]*)`/g, '$1');
  return out.replace(/\s+/g, ' ').trim();
}
