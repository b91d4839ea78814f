/**
 * Autocomplete for agenda options (Discord offers choices as the user types; other
 * platforms may use the same ranking for hints). Ranking, best first:
 *   1. the exact id (`3.5`, `3.5.2-p1`, a category id or section number);
 *   2. ids that start with what was typed (`3.` lists the challenges of category 3);
 *   3. titles and keywords that start with it;
 *   4. titles and keywords with a word that starts with it;
 *   5. full-text search hits (the `AgendaSearch` port), in its rank order.
 * Ties keep agenda order. Platform limits are applied here so every adapter agrees.
 */
import type { AgendaCatalog } from './agenda/catalog.js';
import type { AgendaSearch, SearchHit, SearchResult } from './agenda/search.js';
import { CompletionMemo } from './completion-memo.js';
import { normalize } from './text/similarity.js';
import { shorten } from './text/cut.js';
import { buildPrefixIndex, prefixTiers, type PrefixIndex } from './completion-index.js';

/** What fills an option's choices as the user types (Discord autocomplete): agenda ids, or a feature's data. */
export type CompletionSource = 'challenge' | 'question' | 'category' | 'scope' | 'subscription' | 'group';

/** One offered choice: `name` is shown, `value` is what the command receives. */
export interface Completion {
  readonly name: string;
  readonly value: string;
}

/** Discord allows 25 choices, each name and value at most 100 characters. */
export const MAX_COMPLETIONS = 25;
export const MAX_COMPLETION_LENGTH = 100;

/** Something that can be offered, with the texts it is matched against. */
interface Candidate {
  readonly value: string;
  readonly name: string;
  /** Ids and id-like aliases (`3.5`, `jailbreaks-prompt-injection`). */
  readonly ids: readonly string[];
  /** Titles and keywords. */
  readonly words: readonly string[];
  /** Whether a full-text hit refers to this candidate. */
  readonly hitMatches: (hit: SearchHit) => boolean;
}

/** A candidate with its ids and words normalized once, not on every keystroke. */
interface Prepared extends Candidate {
  readonly normalIds: readonly string[];
  readonly normalWords: readonly string[];
}

/** Candidates of one source, questions by id (full-text hits find them without a scan), and the lists ranked. */
interface PreparedSource {
  readonly candidates: readonly Prepared[];
  readonly prefixes: PrefixIndex;
  readonly questionsById?: ReadonlyMap<string, Prepared>;
  readonly ranked: CompletionMemo;
}

/**
 * Prepared candidates per catalog and source. A catalog never changes (a reload makes a
 * new one), so the cache is right as long as the catalog lives, and goes with it. The
 * profile showed rebuilding and normalizing every candidate on each keystroke.
 */
const prepared = new WeakMap<AgendaCatalog, Map<CompletionSource, PreparedSource>>();

function preparedOf(source: CompletionSource, catalog: AgendaCatalog): PreparedSource {
  let bySource = prepared.get(catalog);
  if (!bySource) {
    bySource = new Map();
    prepared.set(catalog, bySource);
  }
  let entry = bySource.get(source);
  if (!entry) {
    const candidates = candidatesOf(source, catalog).map((c) => ({
      ...c,
      normalIds: c.ids.map(normalize),
      normalWords: c.words.map(normalize),
    }));
    const questionsById = new Map(candidates.map((c) => [c.value, c]));
    const prefixes = buildPrefixIndex(candidates);
    const ranked = new CompletionMemo();
    entry = source === 'question' ? { candidates, prefixes, questionsById, ranked } : { candidates, prefixes, ranked };
    bySource.set(source, entry);
  }
  return entry;
}

/** The agenda sources; other sources (subscriptions, groups) belong to their features. */
export const AGENDA_SOURCES: readonly CompletionSource[] = ['challenge', 'question', 'category', 'scope'];

/**
 * Ranked choices for `partial`; `[]` for sources that are not about the agenda. A list asked for
 * before is handed out again while what it was ranked from is unchanged (`completion-memo.ts`).
 */
export async function complete(
  source: CompletionSource,
  partial: string,
  catalog: AgendaCatalog,
  search: AgendaSearch,
): Promise<readonly Completion[]> {
  const { candidates, prefixes, questionsById, ranked } = preparedOf(source, catalog);
  if (candidates.length === 0) return [];
  // Asked at most once per keystroke: to check a kept list, and then (if it changed) to rank again.
  let asked: Promise<SearchResult | undefined> | undefined;
  const hits = (): Promise<SearchResult | undefined> => (asked ??= fullTextResult(search, partial));
  const known = ranked.kept(partial);
  if (known !== undefined && (known.from === undefined || (await hits()) === known.from)) return known.choices;
  const typed = normalize(partial);
  if (typed === '') return ranked.keep(partial, candidates.slice(0, MAX_COMPLETIONS).map(completionOf));

  // Each tier is capped at the list's length: when the tiers fill it, nothing after them shows.
  const chosen: Prepared[] = [];
  for (const tier of prefixTiers(prefixes, typed, MAX_COMPLETIONS))
    for (const at of tier) {
      const candidate = candidates[at];
      if (candidate) chosen.push(candidate);
    }
  // Full-text hits only ever come after the prefix tiers: with a full list they cannot show.
  if (chosen.length >= MAX_COMPLETIONS) return ranked.keep(partial, chosen.slice(0, MAX_COMPLETIONS).map(completionOf));
  const result = await hits();
  if (result !== undefined) addFullTextHits(chosen, result.hits, candidates, questionsById);
  const choices = chosen.slice(0, MAX_COMPLETIONS).map(completionOf);
  // Without a result (the search failed) the list is not kept: the next keystroke tries the search again.
  return result === undefined ? choices : ranked.keep(partial, choices, result);
}

/** Appends the candidates the full-text hits name, in their rank order, until the list is full. */
function addFullTextHits(
  chosen: Prepared[],
  hits: readonly SearchHit[],
  candidates: readonly Prepared[],
  questionsById: ReadonlyMap<string, Prepared> | undefined,
): void {
  const placed = new Set(chosen.map((c) => c.value));
  for (const hit of hits) {
    if (chosen.length >= MAX_COMPLETIONS) return;
    const candidate = questionsById
      ? hit.kind === 'question' && !placed.has(hit.id)
        ? questionsById.get(hit.id)
        : undefined
      : candidates.find((c) => !placed.has(c.value) && c.hitMatches(hit));
    if (candidate) {
      chosen.push(candidate);
      placed.add(candidate.value);
    }
  }
}

async function fullTextResult(search: AgendaSearch, partial: string): Promise<SearchResult | undefined> {
  try {
    return await search.search(partial, {}, 50);
  } catch {
    // Autocomplete is a convenience: a search failure must not break typing.
    return undefined;
  }
}

function candidatesOf(source: CompletionSource, catalog: AgendaCatalog): Candidate[] {
  switch (source) {
    case 'challenge':
      return challengeCandidates(catalog);
    case 'category':
      return categoryCandidates(catalog);
    case 'scope':
      return [...categoryCandidates(catalog), ...challengeCandidates(catalog)];
    case 'question':
      return catalog.questions().map((q) => ({
        value: q.id,
        name: `${q.id} (${q.origin === 'paper' ? 'paper' : 'prompt, ours'}): ${q.text}`,
        ids: [q.id],
        words: [...q.keywords],
        hitMatches: (hit) => hit.kind === 'question' && hit.id === q.id,
      }));
    default:
      return [];
  }
}

function challengeCandidates(catalog: AgendaCatalog): Candidate[] {
  return catalog.agenda.challenges.map((c) => ({
    value: c.id,
    name: `${c.id} ${c.title}`,
    ids: [c.id, c.slug],
    words: [c.title, c.paperTitle, ...c.keywords],
    hitMatches: (hit) => hit.id === c.id || hit.id.startsWith(`${c.id}.`) || hit.id.startsWith(`${c.id}-`),
  }));
}

function categoryCandidates(catalog: AgendaCatalog): Candidate[] {
  return catalog.agenda.categories.map((c) => ({
    value: c.id,
    name: `${c.section} ${c.title} (category)`,
    ids: [c.id, c.section],
    words: [c.title, c.paperTitle],
    hitMatches: (hit) =>
      c.challengeIds.some((id) => hit.id === id || hit.id.startsWith(`${id}.`) || hit.id.startsWith(`${id}-`)),
  }));
}

/**
 * A candidate's choice, shortened once and then shared (frozen): cutting a long question's text
 * between graphemes was the largest cost of a keystroke once the lookups were indexed.
 */
const completions = new WeakMap<Candidate, Completion>();

function completionOf(candidate: Candidate): Completion {
  let completion = completions.get(candidate);
  if (!completion) {
    completion = Object.freeze({
      name: cut(candidate.name, MAX_COMPLETION_LENGTH),
      value: cut(candidate.value, MAX_COMPLETION_LENGTH),
    });
    completions.set(candidate, completion);
  }
  return completion;
}

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return shorten(flat, max);
}
