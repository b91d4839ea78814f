/**
 * Prefix lookups for autocomplete, built once per agenda (per catalog and source). Testing every
 * candidate against what was typed cost 15-30 ms per keystroke over 20,000 questions. Here the
 * keys that start with what was typed are one range of a sorted list, found with binary searches;
 * the candidates of a range are then taken in candidate order, stopping as soon as a tier is full,
 * so a short prefix that matches thousands of ids ("3") costs about as little as a rare word.
 */

/** Normalized texts of one candidate, as `completion.ts` matches them. */
export interface NormalTexts {
  readonly normalIds: readonly string[];
  readonly normalWords: readonly string[];
}

/** Keys in code-unit order, the candidate (by position) each key belongs to, and the same keys by candidate. */
interface SortedKeys {
  readonly keys: readonly string[];
  readonly owners: Int32Array;
  /** Key positions ordered by candidate (then position): walking it visits candidates in their order. */
  readonly byOwner: Int32Array;
  /** Where each candidate's positions start in `byOwner` (one more entry than there are candidates). */
  readonly ownerStart: Int32Array;
}

export interface PrefixIndex {
  readonly count: number;
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
  const count = candidates.length;
  return { count, ids: sorted(ids, count), words: sorted(words, count), laterWords: sorted(laterWords, count) };
}

function sorted(pairs: [string, number][], count: number): SortedKeys {
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  const owners = Int32Array.from(pairs, (p) => p[1]);
  const byOwner = Int32Array.from(owners.keys()).sort((a, b) => (owners[a] ?? 0) - (owners[b] ?? 0) || a - b);
  const ownerStart = new Int32Array(count + 1);
  for (const owner of owners) ownerStart[owner + 1] = (ownerStart[owner + 1] ?? 0) + 1;
  for (let owner = 0; owner < count; owner += 1)
    ownerStart[owner + 1] = (ownerStart[owner + 1] ?? 0) + (ownerStart[owner] ?? 0);
  return { keys: pairs.map((p) => p[0]), owners, byOwner, ownerStart };
}

/** Positions `[from, to)` of a sorted key list. */
interface Range {
  readonly keys: SortedKeys;
  readonly from: number;
  readonly to: number;
}

/**
 * Candidate positions in four tiers, each in candidate order, a candidate only in its best:
 * 0 an id equal to `typed`, 1 an id starting with it, 2 a title or keyword starting with it,
 * 3 a later word of a title or keyword starting with it. Each tier keeps at most `cap`.
 */
export function prefixTiers(index: PrefixIndex, typed: string, cap: number): number[][] {
  const idPrefix = prefixRange(index.ids, typed);
  const exactId: Range = { ...idPrefix, to: firstAfter(index.ids, idPrefix.from, idPrefix.to, (k) => k === typed) };
  const wordPrefix = prefixRange(index.words, typed);
  const laterPrefix = prefixRange(index.laterWords, typed);
  return [
    inOrder(exactId, [], cap),
    inOrder(idPrefix, [exactId], cap),
    inOrder(wordPrefix, [idPrefix], cap),
    inOrder(laterPrefix, [idPrefix, wordPrefix], cap),
  ];
}

/** The keys that start with `prefix`: one range, since the keys are sorted. */
function prefixRange(keys: SortedKeys, prefix: string): Range {
  const from = firstAfter(keys, 0, keys.keys.length, (key) => key < prefix);
  return { keys, from, to: firstAfter(keys, from, keys.keys.length, (key) => key.startsWith(prefix)) };
}

/** The first position in `[low, high)` where `before` turns false (it must hold for a leading run only). */
function firstAfter(sortedKeys: SortedKeys, low: number, high: number, before: (key: string) => boolean): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(sortedKeys.keys[middle] ?? '')) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether `owner` has a key inside `range`: its keys in that list are few, so they are checked one by one. */
function owns(range: Range, owner: number): boolean {
  const { byOwner, ownerStart } = range.keys;
  for (let at = ownerStart[owner] ?? 0; at < (ownerStart[owner + 1] ?? 0); at += 1) {
    const position = byOwner[at] ?? -1;
    if (position >= range.from && position < range.to) return true;
  }
  return false;
}

/** Up to `cap` candidates with a key in `range` and none in `better`, in candidate order, each once. */
function inOrder(range: Range, better: readonly Range[], cap: number): number[] {
  const taken: number[] = [];
  const size = range.to - range.from;
  if (size <= 0 || cap <= 0) return taken;
  const keep = (owner: number) => taken[taken.length - 1] !== owner && !better.some((b) => owns(b, owner));
  const { owners, byOwner } = range.keys;
  if (size * 16 < byOwner.length) {
    // A narrow range: sorting its few owners is cheaper than walking every key in candidate order.
    const found = Array.from(owners.subarray(range.from, range.to)).sort((a, b) => a - b);
    for (const owner of found) if (keep(owner) && taken.push(owner) >= cap) break;
    return taken;
  }
  // A wide range: walk the keys in candidate order and stop when the tier is full.
  for (const position of byOwner) {
    if (position < range.from || position >= range.to) continue;
    const owner = owners[position] ?? 0;
    if (keep(owner) && taken.push(owner) >= cap) break;
  }
  return taken;
}
