/**
 * Ranked choices kept per typed text, one memo per agenda and source (it lives with the prepared candidates,
 * `completion.ts`, so a reloaded agenda starts empty). Discord asks on every keystroke, and everyone types the same
 * first characters ("3.", "jail"): ranking them again each time (the prefix tiers, then matching up to 50 full-text
 * hits against every challenge) was most of an autocomplete request's time in the core. A kept list is frozen and
 * handed out again, so an adapter may keep its serialization too (`Object.isFrozen`).
 *
 * A list is right as long as what it was ranked from is unchanged: the catalog (see above) and, when the list took
 * full-text hits, the search result, which the search cache hands out as one frozen object per index version. A
 * list ranked from another result (the index was rebuilt, or the search is not cached) is ranked again.
 */
import type { SearchResult } from './agenda/search.js';
import { setNewest } from './bounded-map.js';
import type { Completion } from './completion.js';

/** Enough for the keystrokes of a busy hour per source; each entry is at most 25 shared choices. */
const COMPLETION_MEMO_ENTRIES = 256;

export interface RankedChoices {
  readonly choices: readonly Completion[];
  /** The full-text result the list was ranked from; absent when the prefix tiers filled the list alone. */
  readonly from?: SearchResult;
}

export class CompletionMemo {
  readonly #lists = new Map<string, RankedChoices>();

  kept(typed: string): RankedChoices | undefined {
    return this.#lists.get(typed);
  }

  /** Keeps `choices` (frozen) for `typed`, and returns the kept list. */
  keep(typed: string, choices: readonly Completion[], from?: SearchResult): readonly Completion[] {
    const kept = Object.freeze([...choices]);
    setNewest(
      this.#lists,
      typed,
      from === undefined ? { choices: kept } : { choices: kept, from },
      COMPLETION_MEMO_ENTRIES,
    );
    return kept;
  }
}
