/**
 * Ranked lists kept for the words that many entries of the index match. FTS5 ranks every entry a query
 * matches before it applies the LIMIT, about a microsecond each (most of it reading the entry's length for
 * BM25): a first-time search for a word found in 4,000 of 20,000 imported questions took 3 to 8 ms, whatever
 * the limit. So when the index is built, each such word gets its first `TOP_LIST_HITS` hits and its total,
 * from the very query a search runs, stored under that query's MATCH expression. A search with no filter
 * for that expression reads them back with one primary-key lookup: the same answer, read instead of ranked
 * again. A search with a filter, or for more hits, still asks FTS5.
 *
 * The lists are written in the index's own transaction, and read only while the meta row says they were
 * made for the indexed agenda (`top_lists_hash`), so a rebuild by a process that predates them can never
 * leave a stale list in use.
 */
import type { SearchHit, SearchResult } from '../core/agenda/search.js';
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

/** Ranks `match` with no filter, exactly as a search would. */
export type RankAll = (match: string, limit: number) => SearchResult;

type StoredHit = [SearchHit['kind'], string, number];

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
    const { hits, total } = rankAll(match, TOP_LIST_HITS);
    const stored: StoredHit[] = hits.map((hit) => [hit.kind, hit.id, hit.rank]);
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

/** The kept answer to an unfiltered search for `match`, if there is a list for it and it holds `limit` hits. */
export function readTopList(
  prepare: ReturnType<typeof statementCache>,
  match: string,
  limit: number,
): SearchResult | undefined {
  if (limit > TOP_LIST_HITS) return undefined;
  const row = prepare(READ_TOP_LIST).get(match) as { total: number; hits: string } | undefined;
  if (row === undefined) return undefined;
  const stored = JSON.parse(row.hits) as StoredHit[];
  const hits = stored.slice(0, limit).map(([kind, id, rank]) => ({ kind, id, rank }));
  return { hits, total: row.total };
}
