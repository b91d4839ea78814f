/**
 * Turns what a user typed into an FTS5 query that cannot be read as FTS5 syntax.
 * Each white-space separated chunk keeps only its letters and digits and becomes a
 * quoted phrase ("multi-agent" → "multi agent"); quotes, stars, parentheses,
 * column filters and bare operators (AND, OR, NOT, NEAR) never reach FTS5.
 */

/** More terms than this only slow the query down; the first ones carry the meaning. */
const MAX_TERMS = 16;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);
/** Words too common to require in every hit ("how do models learn in context"). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'can',
  'do',
  'does',
  'for',
  'from',
  'how',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'that',
  'the',
  'this',
  'to',
  'what',
  'when',
  'which',
  'who',
  'why',
  'with',
]);

/** The quoted phrases of a query, empty when nothing searchable was typed. */
export function queryTerms(text: string): string[] {
  const phrases: string[][] = [];
  // Bounded before splitting, so 5,000 characters of pasted text stay cheap.
  for (const chunk of text.slice(0, 2_000).split(/\s+/u)) {
    if (OPERATORS.has(chunk) || /^NEAR\(/u.test(chunk)) continue;
    const words = searchWords(chunk);
    if (words.length > 0) phrases.push(words);
  }
  const meaningful = phrases.filter((words) => !(words.length === 1 && STOP_WORDS.has(words[0] ?? '')));
  const kept = (meaningful.length > 0 ? meaningful : phrases).slice(0, MAX_TERMS);
  return kept.map((words) => `"${words.join(' ')}"`);
}

/** The words of a text as a search reads them: runs of letters and digits, lower-cased. */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The FTS5 MATCH expression of each term, in order. The last term also matches as a
 * prefix when it is long enough, for people who stop typing early.
 */
export function ftsParts(terms: readonly string[]): string[] {
  return terms.map((term, index) =>
    index === terms.length - 1 && !term.includes(' ') && term.length >= 5 ? `${term}*` : term,
  );
}
