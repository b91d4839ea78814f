/**
 * Ranked lists kept for the words that many entries of the index match. FTS5 ranks every entry a query
 * matches before it applies the LIMIT, about a microsecond each (most of it reading the entry's length for
 * BM25): a first-time search for a word found in 4,000 of 20,000 imported questions took 3 to 8 ms, whatever
 * the limit. So when the index is built, each such word gets its first `TOP_LIST_HITS` hits and its total,
 * from the very query a search runs, stored under that query's MATCH expression. A search with no filter
 * for that expression reads them back with one primary-key lookup: the same answer, read instead of ranked
 * again. A search for any of a few such words (no entry having every word typed) is answered from their lists
 * (`mergeTopLists`). A search with a filter, for more hits, or for more words still asks FTS5.
 *
 * The lists are written in the index's own transaction, and read only while the meta row says they were
 * made for the indexed agenda (`top_lists_hash`), so a rebuild by a process that predates them can never
 * leave a stale list in use.
 */
import type { SearchHit } from '../core/agenda/search.js';
import type { Db } from './db.js';
import { ftsParts, searchWords } from './fts-query.js';
import type { statementCache } from './statement-cache.js';

/** As many hits as any unfiltered search asks for (autocomplete asks for 50, the search command for 10). */
export const TOP_LIST_HITS = 50;

/** Below this many matching entries FTS5 ranks in well under a millisecond: no list is worth keeping. */
export const TOP_LIST_MIN_ENTRIES = 500;

/** What is indexed of one entry, as far as the lists need it. */
export interface IndexedText {
  readonly title: string;
  readonly body: string;
  readonly keywords: string;
}

/** A hit with the rowid that breaks ties between equal ranks, as FTS5 orders them. */
export interface RankedRow extends SearchHit {
  readonly rowid: number;
}

/** The first rows of a ranking, and how many entries it has in all. */
export interface Ranking {
  readonly rows: readonly RankedRow[];
  readonly total: number;
}

/** Ranks `match` with no filter, exactly as a search would. */
export type RankAll = (match: string, limit: number) => Ranking;

type StoredRow = [number, SearchHit['kind'], string, number];

/**
 * Replaces every list with those of the index just built. Returns how many it kept. Runs inside the
 * rebuild's transaction.
 */
export function writeTopLists(
  db: Db,
  entries: readonly IndexedText[],
  rankAll: RankAll,
  minEntries = TOP_LIST_MIN_ENTRIES,
): number {
  db.prepare('DELETE FROM agenda_fts_top').run();
  // No word can be in more entries than the index has: a small agenda is not read for words at all.
  if (entries.length < minEntries) return 0;
  const count = db.prepare('SELECT count(*) FROM agenda_fts WHERE agenda_fts MATCH ?').pluck();
  const insert = db.prepare('INSERT INTO agenda_fts_top (match, total, hits) VALUES (?, ?, ?)');
  let kept = 0;
  for (const match of frequentExpressions(entries, minEntries)) {
    if ((count.get(match) as number) < minEntries) continue;
    const { rows, total } = rankAll(match, TOP_LIST_HITS);
    const stored: StoredRow[] = rows.map((row) => [row.rowid, row.kind, row.id, row.rank]);
    insert.run(match, total, JSON.stringify(stored));
    kept += 1;
  }
  return kept;
}

/**
 * The MATCH expressions a one-word search can run for the words in many entries: `"w"`, and `"w"*` as
 * the last word typed (`ftsParts`). The words are read as `queryTerms` reads what is typed. FTS5 stems
 * ("agents" matches "agent" too), so a word is counted by FTS5 once it is in a quarter of the entries a
 * list needs; one rarer than that, whatever it shares a stem with, is left to FTS5.
 */
function frequentExpressions(entries: readonly IndexedText[], minEntries: number): Set<string> {
  const entriesWith = new Map<string, number>();
  for (const entry of entries) {
    for (const word of new Set(searchWords(`${entry.title} ${entry.body} ${entry.keywords}`))) {
      entriesWith.set(word, (entriesWith.get(word) ?? 0) + 1);
    }
  }
  const expressions = new Set<string>();
  for (const [word, entriesWithWord] of entriesWith) {
    if (entriesWithWord * 4 < minEntries) continue;
    const term = `"${word}"`;
    expressions.add(term);
    for (const asLast of ftsParts([term])) expressions.add(asLast);
  }
  return expressions;
}

const READ_TOP_LIST = `SELECT t.total, t.hits FROM agenda_fts_top t
  JOIN agenda_index_meta m ON m.id = 1 AND m.top_lists_hash = m.agenda_hash
  WHERE t.match = ?`;

type Prepare = ReturnType<typeof statementCache>;

/** The kept list of `match` (all of its rows), if there is one made for the indexed agenda. */
function readList(prepare: Prepare, match: string): Ranking | undefined {
  const row = prepare(READ_TOP_LIST).get(match) as { total: number; hits: string } | undefined;
  if (row === undefined) return undefined;
  const stored = JSON.parse(row.hits) as StoredRow[];
  return { rows: stored.map(([rowid, kind, id, rank]) => ({ rowid, kind, id, rank })), total: row.total };
}

/** The kept answer to an unfiltered search for `match`, if there is a list for it and it holds `limit` hits. */
export function readTopList(prepare: Prepare, match: string, limit: number): Ranking | undefined {
  if (limit > TOP_LIST_HITS) return undefined;
  const list = readList(prepare, match);
  return list && { rows: list.rows.slice(0, limit), total: list.total };
}

/** FTS5's order: by rank (BM25, lower is better), then by rowid. */
function byRank(a: RankedRow, b: RankedRow): number {
  return a.rank - b.rank || a.rowid - b.rowid;
}

/** More parts than this need too many queries to settle a merge (one for each pair of parts). */
export const MAX_MERGED_PARTS = 4;

/**
 * The unfiltered search for any of a few expressions (`a OR b OR c`, as when no entry has every word typed),
 * answered from their kept lists when they settle it, otherwise undefined (FTS5 ranks it).
 *
 * Why it is the same answer: FTS5 scores an entry as the sum, over the query's phrases in order, of each
 * phrase's BM25 part, and a phrase the entry lacks adds exactly zero. So an entry with one of the words has
 * the very score (and rank) its word's list holds. The entries with several are found pair by pair (`a AND
 * b`), grouped by which words they have, and each group is ranked by FTS5 with exactly its words required and
 * the others excluded (`a AND b NOT c`): every phrase once, the group's own in the same order as in the search,
 * so the same score. An entry with one word that is missing from its word's list ranks after the list's last
 * row; so when the `limit`-th answer ranks no later than the last row of every list that was cut, no entry
 * left out could come before it.
 */
export function mergeTopLists(
  prepare: Prepare,
  parts: readonly string[],
  limit: number,
  rankAll: RankAll,
): Ranking | undefined {
  if (limit > TOP_LIST_HITS || parts.length < 2 || parts.length > MAX_MERGED_PARTS) return undefined;
  const lists: Ranking[] = [];
  for (const part of parts) {
    const list = readList(prepare, part);
    if (list === undefined) return undefined;
    lists.push(list);
  }
  const shared = sharedEntries(prepare, parts);
  if (shared === undefined) return undefined;
  const candidates = lists.flatMap((list) => list.rows.filter((row) => !shared.has(row.rowid)));
  const groups = new Map([...shared.values()].map((has) => [has.join(','), has]));
  for (const group of groups.values()) candidates.push(...rankAll(groupQuery(parts, group), limit).rows);
  const rows = candidates.sort(byRank).slice(0, limit);
  // Each entry with several words is counted in each of their totals.
  let total = lists.reduce((sum, list) => sum + list.total, 0);
  for (const has of shared.values()) total -= has.length - 1;
  const answer = { rows, total };
  if (limit === 0) return answer;
  const last = rows.length === limit ? rows.at(-1) : undefined;
  // A list that holds every entry of its word leaves none unseen; a cut one must end after the last answer.
  const settles = (list: Ranking): boolean => {
    const lastKept = list.rows.at(-1);
    return (
      list.total <= list.rows.length || (last !== undefined && lastKept !== undefined && byRank(last, lastKept) <= 0)
    );
  };
  return lists.every(settles) ? answer : undefined;
}

/**
 * The entries with more than one of the parts, each with the parts it has (their indexes, in order). Undefined
 * when there are more than `MAX_SHARED`: ranking that many groups costs what FTS5's whole search would.
 */
function sharedEntries(prepare: Prepare, parts: readonly string[]): Map<number, readonly number[]> | undefined {
  const partsOf = new Map<number, number[]>();
  for (let i = 0; i < parts.length; i += 1) {
    for (let j = i + 1; j < parts.length; j += 1) {
      for (const rowid of prepare(SHARED_ROWIDS).pluck().all(`${parts[i]} AND ${parts[j]}`) as number[]) {
        const has = partsOf.get(rowid) ?? [];
        for (const index of [i, j]) if (!has.includes(index)) has.push(index);
        partsOf.set(rowid, has);
      }
      if (partsOf.size > MAX_SHARED) return undefined;
    }
  }
  for (const has of partsOf.values()) has.sort((x, y) => x - y);
  return partsOf;
}

/** The entries with exactly the parts of `group` (indexes): those required, in order, and every other excluded. */
function groupQuery(parts: readonly string[], group: readonly number[]): string {
  const required = parts.filter((_, i) => group.includes(i)).join(' AND ');
  const excluded = parts.filter((_, i) => !group.includes(i));
  return excluded.length === 0 ? required : `${required} NOT (${excluded.join(' OR ')})`;
}

const MAX_SHARED = 1_000;
const SHARED_ROWIDS = `SELECT rowid FROM agenda_fts WHERE agenda_fts MATCH ? LIMIT ${MAX_SHARED + 1}`;
