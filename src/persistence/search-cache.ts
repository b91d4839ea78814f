/**
 * Search results remembered per version of the index. The index is derived data that changes only
 * when the agenda does, and ranking is the costly part of a search: FTS5 ranks every match before
 * the LIMIT (about a microsecond per match, most of it reading each row's length for BM25), so a
 * common word over 20,000 imported questions costs milliseconds every time it is asked (unless it is
 * one of the words kept ranked with the index, `search-top-lists.ts`). The same
 * searches come again and again (autocomplete asks on every keystroke, every user types the same
 * first letters), and the answer cannot change until the index does.
 *
 * Entries belong to one version (the agenda hash the index records); the first lookup under another
 * version empties the cache, so a rebuild by this process or by another one on the same database is
 * seen at once and an entry never outlives the index it was read from.
 */
import type { SearchFilter, SearchResult } from '../core/agenda/search.js';
import { setNewest } from '../core/bounded-map.js';

/** Enough for the searches of a busy hour; each entry holds at most a few dozen hits. */
export const SEARCH_CACHE_ENTRIES = 512;

export class SearchCache {
  #version: string | undefined;
  /** In order of last use, oldest first (a Map keeps insertion order). */
  readonly #entries = new Map<string, SearchResult>();

  constructor(private readonly capacity = SEARCH_CACHE_ENTRIES) {}

  get(version: string, key: string): SearchResult | undefined {
    if (version !== this.#version) {
      this.#entries.clear();
      this.#version = version;
      return undefined;
    }
    const result = this.#entries.get(key);
    if (result !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, result);
    }
    return result;
  }

  /** Remembers `result` (frozen: every later caller shares it) if `version` is still the current one. */
  set(version: string, key: string, result: SearchResult): SearchResult {
    if (version !== this.#version || this.capacity === 0) return result;
    const frozen = Object.freeze({
      ...result,
      hits: Object.freeze(result.hits.map((hit) => Object.freeze({ ...hit }))),
    });
    setNewest(this.#entries, key, frozen, this.capacity);
    return frozen;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * What decides a search's result besides the index: the query's terms (already normalized, so
 * "Jailbreak" and "jailbreak" share an entry), the filter and the limit.
 */
export function searchKey(terms: readonly string[], filter: SearchFilter, limit: number): string {
  return JSON.stringify([
    terms,
    filter.challengeIds ?? null,
    filter.exceptChallengeIds ?? null,
    filter.kind ?? null,
    filter.origin ?? null,
    filter.anyWord === true,
    limit,
  ]);
}
