/**
 * Loose matching of typed words against challenge and category names: ids, slugs,
 * the paper's headings, our titles, keywords, and words with a typo or two. Exact
 * names win outright; otherwise every name word a query word hits adds to a score.
 */
import { editDistance, normalize, typoBudget } from '../text/similarity.js';

/** Words that say nothing about which challenge is meant. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'be',
  'by',
  'can',
  'do',
  'for',
  'from',
  'how',
  'in',
  'is',
  'it',
  'llm',
  'llms',
  'not',
  'of',
  'on',
  'or',
  'the',
  'to',
  'we',
  'what',
  'which',
  'with',
]);

/** One thing a user may be pointing at, with all the names it goes by. */
export interface MatchTarget<T> {
  readonly value: T;
  /** Names that identify it on their own when typed in full (id, slug, titles, section). */
  readonly exactNames: readonly string[];
  /** Names whose words count fully towards a loose match (titles, slug). */
  readonly titles: readonly string[];
  /** Keywords count a little less than titles; a whole keyword phrase typed alone is a strong hint. */
  readonly keywords: readonly string[];
}

export interface Scored<T> {
  readonly value: T;
  /** Sum over the typed words of how well each matched (1 exact, less for prefixes and typos), plus bonuses. */
  readonly score: number;
  /** Mean match quality per typed word, without bonuses: 1 when every word matched exactly. */
  readonly quality: number;
}

const KEYWORD_WEIGHT = 0.9;
/** Bonus for typing a whole keyword phrase, so "prompt injection" prefers the challenge that lists it. */
const KEYWORD_PHRASE_BONUS = 2;

/** Splits into meaningful, lightly stemmed words. */
export function contentWords(text: string): string[] {
  return normalize(text.replace(/[-_/]/gu, ' '))
    .split(' ')
    .map((w) => w.replace(/^\.+|\.+$/gu, ''))
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .map(stem);
}

/** Folds plural and a few common endings, so "jailbreaks" meets "jailbreak". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|us|is)$/u.test(word)) return word;
  if (word.length > 3 && word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The target whose exact name equals the text, if any. */
export function exactMatch<T>(text: string, targets: readonly MatchTarget<T>[]): T | undefined {
  const wanted = normalize(text.replace(/[-_]/gu, ' '));
  if (wanted === '') return undefined;
  const found = targets.find((t) => t.exactNames.some((name) => normalize(name.replace(/[-_]/gu, ' ')) === wanted));
  return found?.value;
}

/**
 * Scores every target against the words of `text`, best first, dropping those with
 * no hit. Scores are comparable between targets of one call only.
 */
export function looseMatches<T>(text: string, targets: readonly MatchTarget<T>[]): Scored<T>[] {
  const words = contentWords(text);
  if (words.length === 0) return [];
  const phrase = words.join(' ');
  const scored = targets.map((target) => {
    const titleWords = [...new Set(target.titles.flatMap(contentWords))];
    const keywordWords = [...new Set(target.keywords.flatMap(contentWords))];
    let score = 0;
    let hitWords = 0;
    for (const word of words) {
      const best = Math.max(
        0,
        ...titleWords.map((name) => wordSimilarity(word, name)),
        ...keywordWords.map((name) => KEYWORD_WEIGHT * wordSimilarity(word, name)),
      );
      if (best > 0) hitWords += 1;
      score += best;
    }
    // Most typed words must land somewhere, or one common word would pull in unrelated names.
    if (hitWords < Math.ceil(words.length / 2)) score = 0;
    const quality = score / words.length;
    if (score > 0 && target.keywords.some((k) => contentWords(k).join(' ') === phrase)) score += KEYWORD_PHRASE_BONUS;
    return { value: target.value, score, quality };
  });
  return scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
}

/** 1 for the same word, less for a prefix or a typo, 0 for unrelated words. */
export function wordSimilarity(typed: string, name: string): number {
  if (typed === name) return 1;
  if (typed.length >= 4 && name.startsWith(typed)) return 0.8;
  if (name.length >= 4 && typed.startsWith(name) && typed.length - name.length <= 3) return 0.8;
  const budget = typoBudget(Math.min(typed.length, name.length));
  if (budget > 0 && editDistance(typed, name, budget) <= budget) return 0.6;
  return 0;
}
