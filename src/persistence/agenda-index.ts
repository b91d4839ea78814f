/**
 * The agenda's full-text index (SQLite FTS5, BM25) and the search over it (synchronous here;
 * `openSqliteBackend` serves both through the connection's gate).
 * The index is derived data: `ensureIndexed` rebuilds it in one transaction when the
 * agenda's content hash differs from the recorded one, and leaves it alone otherwise.
 */
import type { Agenda } from '../core/agenda/model.js';
import type { AgendaSearch, SearchFilter, SearchHit, SearchResult } from '../core/agenda/search.js';
import { setNewest } from '../core/bounded-map.js';
import type { Db } from './db.js';
import { ftsParts, queryTerms } from './fts-query.js';
import { SEARCH_CACHE_ENTRIES, SearchCache, searchKey } from './search-cache.js';
import type { Synchronous } from './sqlite-gate.js';
import { statementCache } from './statement-cache.js';
import {
  mergeTopLists,
  readTopList,
  TOP_LIST_MIN_ENTRIES,
  writeTopLists,
  type RankedRow,
  type Ranking,
} from './search-top-lists.js';

/**
 * BM25 weights per column, in table order: kind, item_id, challenge_id, origin
 * (unindexed), then title, body, keywords. A word in a title says more about what
 * an entry is about than a keyword, and a keyword more than a word in passing.
 */
const RANK = 'bm25(agenda_fts, 0, 0, 0, 0, 10.0, 1.0, 4.0)';

interface IndexRow {
  kind: SearchHit['kind'];
  itemId: string;
  challengeId: string;
  origin: string;
  title: string;
  body: string;
  keywords: string;
}

interface IndexMeta {
  readonly agenda_hash: string;
  readonly top_lists_hash: string | null;
}

/**
 * Rebuilds the index if `hash` differs from the indexed agenda's, and its top lists (`search-top-lists.ts`)
 * if they were made for another agenda (or before there were any). Returns whether it rebuilt the index.
 */
export function ensureIndexed(
  db: Db,
  agenda: Agenda,
  hash: string,
  now: Date = new Date(),
  topListMinEntries = TOP_LIST_MIN_ENTRIES,
): boolean {
  const meta = (): IndexMeta | undefined =>
    db.prepare('SELECT agenda_hash, top_lists_hash FROM agenda_index_meta WHERE id = 1').get() as IndexMeta | undefined;
  const current = (seen: IndexMeta | undefined) => seen?.agenda_hash === hash && seen.top_lists_hash === hash;
  if (current(meta())) return false;
  // IMMEDIATE, and checked again inside: processes starting together index the agenda once.
  return db
    .transaction(() => {
      const seen = meta();
      if (current(seen)) return false;
      const rows = indexRows(agenda);
      const rebuild = seen?.agenda_hash !== hash;
      if (rebuild) rebuildIndex(db, rows, hash, now);
      const prepare = statementCache(db);
      writeTopLists(db, rows, (match, limit) => rankedRows(prepare, match, {}, limit), topListMinEntries);
      db.prepare('UPDATE agenda_index_meta SET top_lists_hash = ? WHERE id = 1').run(hash);
      if (rebuild) rebuiltHere.set(db, (rebuiltHere.get(db) ?? 0) + 1);
      return rebuild;
    })
    .immediate();
}

function rebuildIndex(db: Db, rows: readonly IndexRow[], hash: string, now: Date): void {
  const insert = db.prepare(
    `INSERT INTO agenda_fts (kind, item_id, challenge_id, origin, title, body, keywords)
     VALUES (@kind, @itemId, @challengeId, @origin, @title, @body, @keywords)`,
  );
  db.prepare('DELETE FROM agenda_fts').run();
  for (const row of rows) insert.run(row);
  // The delete above leaves the old entries in the index's segments until FTS5 merges them: after two
  // rebuilds of 20,000 questions the index was twice its size and a first-time search ~20% slower. Merging
  // now (~75 ms on such an index, within a rebuild of about 0.4 s) keeps it as compact as a fresh one. The
  // rows and their statistics are unchanged, so are the ranks.
  db.prepare("INSERT INTO agenda_fts (agenda_fts) VALUES ('optimize')").run();
  db.prepare(
    `INSERT INTO agenda_index_meta (id, agenda_hash, indexed_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET agenda_hash = excluded.agenda_hash, indexed_at = excluded.indexed_at`,
  ).run(hash, now.toISOString());
}

/**
 * Rebuilds committed through each connection. `PRAGMA data_version` changes when another connection commits,
 * never for the connection's own commits: a search learns of a rebuild made through its own connection here.
 */
const rebuiltHere = new WeakMap<Db, number>();

/**
 * The indexed agenda's hash, read again only when the database may have changed under it: when another
 * connection (this process's or another one's) has committed since the last read (`PRAGMA data_version`, which
 * reads no page), or when a rebuild was committed through this connection. Every search asks, so an unchanged
 * index costs the pragma, not a read of the meta table. The pragma is read before the hash, so a hash can only
 * be newer than the data version it is remembered with: at worst it is read once more.
 */
function indexVersionReader(db: Db): () => string {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const hash = db.prepare('SELECT agenda_hash FROM agenda_index_meta WHERE id = 1').pluck();
  let seen: { data: unknown; rebuilds: number; hash: string } | undefined;
  return () => {
    const data = dataVersion.get();
    const rebuilds = rebuiltHere.get(db) ?? 0;
    if (seen === undefined || seen.data !== data || seen.rebuilds !== rebuilds) {
      seen = { data, rebuilds, hash: (hash.get() as string | undefined) ?? '' };
    }
    return seen.hash;
  };
}

export function indexRows(agenda: Agenda): IndexRow[] {
  return agenda.challenges.flatMap((challenge) => [
    {
      kind: 'challenge' as const,
      itemId: challenge.id,
      challengeId: challenge.id,
      origin: '',
      title: `${challenge.title}. ${challenge.paperTitle}`,
      body: challenge.summary,
      keywords: [...challenge.keywords, challenge.slug].join('; '),
    },
    ...challenge.subsections.map((subsection) => ({
      kind: 'subsection' as const,
      itemId: subsection.section,
      challengeId: challenge.id,
      origin: '',
      title: subsection.title,
      body: '',
      keywords: '',
    })),
    ...challenge.questions.map((question) => ({
      kind: 'question' as const,
      itemId: question.id,
      challengeId: challenge.id,
      origin: question.origin,
      title: '',
      body: question.text,
      keywords: question.keywords.join('; '),
    })),
  ]);
}

/**
 * Search over the index. Any text is accepted; nothing typed is read as FTS5 syntax. Results are
 * remembered per indexed agenda (`search-cache.ts`): a repeated search costs one primary-key read.
 */
export function createAgendaSearch(db: Db, cache = new SearchCache()): Synchronous<AgendaSearch> {
  // Every lookup and keystroke searches: prepare its statements once, not per call.
  const prepare = statementCache(db);
  const indexVersion = indexVersionReader(db);
  // One read transaction: the version recorded with a result is the one of the index it was read from.
  const readIndex = db.transaction((terms: readonly string[], filter: SearchFilter, limit: number) => ({
    version: indexVersion(),
    result: searchTerms(prepare, terms, filter, limit),
  }));
  // A plain search typed before (no filter: lookups and keystrokes) finds its key without normalizing the words
  // again, which was the largest part of a repeated search in the bench's profile. A key depends on the words
  // alone, never on the index, so an entry needs no version.
  const typedKeys = new Map<string, string>();
  return {
    search(query: string, filter: SearchFilter, limit: number): SearchResult {
      const typed = isPlain(filter) ? `${limit}\u0000${query}` : undefined;
      let key = typed === undefined ? undefined : typedKeys.get(typed);
      let terms: string[] | undefined;
      if (key === undefined) {
        terms = queryTerms(query);
        if (terms.length === 0) return { hits: [], total: 0 };
        key = searchKey(terms, filter, limit);
        if (typed !== undefined) setNewest(typedKeys, typed, key, SEARCH_CACHE_ENTRIES);
      }
      const cached = cache.get(indexVersion(), key);
      if (cached !== undefined) return cached;
      const { version, result } = readIndex(terms ?? queryTerms(query), filter, limit);
      return cache.set(version, key, result);
    },
  };
}

function isPlain(filter: SearchFilter): boolean {
  return hasNoRowFilter(filter) && filter.anyWord !== true;
}

function searchTerms(prepare: Prepare, terms: readonly string[], filter: SearchFilter, limit: number): SearchResult {
  if (filter.anyWord === true) return run(prepare, ftsParts(terms), 'OR', filter, limit);
  const strict = run(prepare, ftsParts(terms), 'AND', filter, limit);
  if (strict.total > 0 || terms.length === 1) return strict;
  // No entry has every word: rank the entries that have some, and say so. A word no entry has adds nothing to
  // any entry's BM25 score, so it is left out: the results are the same, and a typo beside a common word
  // ("jailbreak jailbrake") costs no more than the common word alone.
  const present = ftsParts(terms).filter((part) => prepare(HAS_HIT).get({ match: part }) !== undefined);
  if (present.length === 0) return { hits: [], total: 0 };
  const relaxed = run(prepare, present, 'OR', filter, limit);
  return relaxed.total > 0 ? { ...relaxed, relaxed: true } : relaxed;
}

/** Whether any entry matches one term: FTS5 stops at the first row. */
const HAS_HIT = 'SELECT 1 FROM agenda_fts WHERE agenda_fts MATCH @match LIMIT 1';

type Prepare = ReturnType<typeof statementCache>;

/**
 * FTS5's ranking of the entries with every part (`AND`) or any part (`OR`), cut to `limit`. A word many entries
 * have, alone or beside a few other such words, is answered from the lists kept for it (`search-top-lists.ts`).
 */
function run(
  prepare: Prepare,
  parts: readonly string[],
  operator: 'AND' | 'OR',
  filter: SearchFilter,
  limit: number,
): SearchResult {
  const max = Math.max(0, Math.floor(limit));
  let kept: Ranking | undefined;
  if (hasNoRowFilter(filter) && parts[0] !== undefined) {
    if (parts.length === 1) kept = readTopList(prepare, parts[0], max);
    else if (operator === 'OR')
      kept = mergeTopLists(prepare, parts, max, (match, n) => rankedRows(prepare, match, {}, n));
  }
  const { rows, total } = kept ?? rankedRows(prepare, parts.join(` ${operator} `), filter, max);
  return { hits: rows.map((r) => ({ kind: r.kind, id: r.id, rank: r.rank })), total };
}

function hasNoRowFilter(filter: SearchFilter): boolean {
  return (
    filter.challengeIds === undefined &&
    filter.exceptChallengeIds === undefined &&
    filter.kind === undefined &&
    filter.origin === undefined
  );
}

/** FTS5's ranking of every entry `match` finds (within the filter), cut to `max`. */
function rankedRows(prepare: Prepare, match: string, filter: SearchFilter, max: number): Ranking {
  const conditions = ['agenda_fts MATCH @match'];
  const params: Record<string, string | number> = { match, limit: max };
  if (filter.challengeIds !== undefined) {
    if (filter.challengeIds.length === 0) return { rows: [], total: 0 };
    const names = filter.challengeIds.map((id, i) => {
      params[`c${i}`] = id;
      return `@c${i}`;
    });
    conditions.push(`challenge_id IN (${names.join(', ')})`);
  }
  if (filter.exceptChallengeIds !== undefined && filter.exceptChallengeIds.length > 0) {
    const names = filter.exceptChallengeIds.map((id, i) => {
      params[`x${i}`] = id;
      return `@x${i}`;
    });
    conditions.push(`challenge_id NOT IN (${names.join(', ')})`);
  }
  if (filter.kind !== undefined) {
    params['kind'] = filter.kind;
    conditions.push('kind = @kind');
  }
  if (filter.origin !== undefined) {
    params['origin'] = filter.origin;
    conditions.push('origin = @origin');
  }
  const where = conditions.join(' AND ');
  const rows = prepare(
    `SELECT rowid, kind, item_id AS id, ${RANK} AS rank FROM agenda_fts WHERE ${where}
     ORDER BY rank, rowid LIMIT @limit`,
  ).all(params) as RankedRow[];
  // Fewer rows than the limit are all there are: count only when the limit cut the list.
  const total =
    rows.length < max
      ? rows.length
      : (prepare(`SELECT count(*) AS n FROM agenda_fts WHERE ${where}`).get(params) as { n: number }).n;
  return { rows, total };
}
