/**
 * Prefix lookups for autocomplete. Testing every candidate against what was typed cost
 * 15-30 ms per keystroke over 20,000 questions; sorted keys find the same candidates with
 * two binary searches per kind of text, whatever the agenda's size.
 */

/** Normalized texts of one candidate, as `completion.ts` matches them. */
export interface NormalTexts {
  readonly normalIds: readonly string[];
  readonly normalWords: readonly string[];
}

/** Keys in code-unit order, and the candidate (by position) each key belongs to. */
interface SortedKeys {
  readonly keys: readonly string[];
  readonly owners: Int32Array;
}

export interface PrefixIndex {
  readonly ids: SortedKeys;
  /** Whole titles and keywords. */
  readonly words: SortedKeys;
  /** What follows each space inside a title or keyword ("injection" in "prompt injection"). */
  readonly laterWords: SortedKeys;
}

export function buildPrefixIndex(candidates: readonly NormalTexts[]): PrefixIndex {
  const ids: [string, number][] = [];
  const words: [string, number][] = [];
  const laterWords: [string, number][] = [];
  candidates.forEach((candidate, owner) => {
    for (const id of candidate.normalIds) ids.push([id, owner]);
    for (const word of candidate.normalWords) {
      words.push([word, owner]);
      for (let at = word.indexOf(' '); at >= 0; at = word.indexOf(' ', at + 1))
        laterWords.push([word.slice(at + 1), owner]);
    }
  });
  return { ids: sorted(ids), words: sorted(words), laterWords: sorted(laterWords) };
}

function sorted(pairs: [string, number][]): SortedKeys {
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { keys: pairs.map((p) => p[0]), owners: Int32Array.from(pairs, (p) => p[1]) };
}

/**
 * Candidate positions in four tiers, each in candidate order, a candidate only in its best:
 * 0 an id equal to `typed`, 1 an id starting with it, 2 a title or keyword starting with it,
 * 3 a later word of a title or keyword starting with it. Each tier keeps at most `cap`.
 */
export function prefixTiers(index: PrefixIndex, typed: string, count: number, cap: number): number[][] {
  // Best tier per candidate in a flat array: "3." matches thousands of question ids, and a
  // scan of bytes in candidate order costs less than a map and a sort of them.
  const NONE = 4;
  const best = new Uint8Array(count).fill(NONE);
  const place = (owner: number, tier: number) => {
    if (tier < (best[owner] ?? NONE)) best[owner] = tier;
  };
  forPrefix(index.ids, typed, (key, owner) => place(owner, key === typed ? 0 : 1));
  forPrefix(index.words, typed, (_key, owner) => place(owner, 2));
  forPrefix(index.laterWords, typed, (_key, owner) => place(owner, 3));
  const tiers: number[][] = [[], [], [], []];
  for (let owner = 0; owner < count; owner += 1) {
    const tier = tiers[best[owner] ?? NONE];
    if (tier && tier.length < cap) tier.push(owner);
  }
  return tiers;
}

/** Calls `visit` for every key that starts with `prefix`. */
function forPrefix(sortedKeys: SortedKeys, prefix: string, visit: (key: string, owner: number) => void): void {
  const { keys, owners } = sortedKeys;
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] ?? '') < prefix) low = middle + 1;
    else high = middle;
  }
  for (let at = low; at < keys.length; at += 1) {
    const key = keys[at] ?? '';
    if (!key.startsWith(prefix)) break;
    visit(key, owners[at] ?? 0);
  }
}
