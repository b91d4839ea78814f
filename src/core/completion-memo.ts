/**
 * Ranked choices kept per agenda, source and typed text. Discord asks on every keystroke, and
 * everyone types the same first characters ("3.", "jail"): ranking them again each time (the prefix
 * tiers, then matching up to 50 full-text hits against every challenge) was most of an autocomplete
 * request's time in the core. A kept list is frozen and handed out again, so an adapter may keep its
 * serialization too (`Object.isFrozen`).
 *
 * A list is right as long as what it was ranked from is unchanged: the catalog, which a reload
 * replaces rather than edits (so its lists go with it), and, when the list took full-text hits, the
 * search result, which the search cache hands out as one frozen object per index version. A list
 * ranked from another result (the index was rebuilt, or the search is not cached) is ranked again.
 */
import type { AgendaCatalog } from './agenda/catalog.js';
import type { SearchResult } from './agenda/search.js';
import type { Completion } from './completion.js';

/** Enough for the keystrokes of a busy hour per source; each entry is at most 25 shared choices. */
export const COMPLETION_MEMO_ENTRIES = 256;

export interface RankedChoices {
  readonly choices: readonly Completion[];
  /** The full-text result the list was ranked from; absent when the prefix tiers filled the list alone. */
  readonly from?: SearchResult;
}

const bySource = new WeakMap<AgendaCatalog, Map<string, Map<string, RankedChoices>>>();

function entriesOf(catalog: AgendaCatalog, source: string): Map<string, RankedChoices> {
  let sources = bySource.get(catalog);
  if (!sources) {
    sources = new Map();
    bySource.set(catalog, sources);
  }
  let entries = sources.get(source);
  if (!entries) {
    entries = new Map();
    sources.set(source, entries);
  }
  return entries;
}

export function keptChoices(catalog: AgendaCatalog, source: string, typed: string): RankedChoices | undefined {
  return entriesOf(catalog, source).get(typed);
}

/** Keeps `choices` (frozen) for `typed`, and returns the kept list. The oldest entry goes when full. */
export function keepChoices(
  catalog: AgendaCatalog,
  source: string,
  typed: string,
  choices: readonly Completion[],
  from?: SearchResult,
): readonly Completion[] {
  const entries = entriesOf(catalog, source);
  const kept = Object.freeze([...choices]);
  entries.delete(typed);
  if (entries.size >= COMPLETION_MEMO_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(typed, from === undefined ? { choices: kept } : { choices: kept, from });
  return kept;
}
