/**
 * The agenda's search index on PostgreSQL: one row per challenge, subsection and question with a weighted
 * `tsvector` (migration 001), ranked with `ts_rank_cd`. What a user typed becomes a query exactly as for FTS5
 * (`../fts-query.ts`): `queryTerms` keeps letters and digits only, each term is a phrase through
 * `phraseto_tsquery`, the last long word also a prefix. No typed text is ever parsed as query syntax
 * (`to_tsquery` sees only one quoted word of letters and digits; `websearch_to_tsquery` is never used).
 */
import type { Agenda } from '../../core/agenda/model.js';
import type { AgendaSearch, SearchFilter, SearchHit, SearchResult } from '../../core/agenda/search.js';
import { indexRows } from '../agenda-index.js';
import { queryTerms } from '../fts-query.js';
import { SearchCache, searchKey } from '../search-cache.js';
import type { Executor } from './connection.js';
import { joinSql, raw, sql, type Sql } from './sql.js';

/** Weights for D, C, B, A: text (C) says little, keywords (B) more, titles (A) most, as the FTS5 weights do. */
const WEIGHTS = '{0, 0.1, 0.4, 1.0}';
/**
 * Normalisation 2: the rank divided by the entry's length, as BM25 discounts long documents; without it a
 * challenge (long title, keywords and summary) outranks the short subsection that is about exactly the words.
 */
const BY_LENGTH = 2;
/** Serialises rebuilds across processes ('agbi' in ASCII); the migrations use another key. */
const INDEX_LOCK = 0x61676269;

/**
 * A GIN index takes new rows into an unsorted pending list first (fastupdate), and every search then reads
 * that whole list: right after a rebuild the 20,000 entries of a grown agenda all sat there, and a search
 * matching one entry took 15-20 ms (a sequential scan, or a bitmap scan of the list) until autovacuum came.
 * Moving them into the index proper at once makes it under a millisecond. Only the index's owner (or a
 * superuser) may do it; a bot connecting as another role keeps today's behaviour rather than fail to index.
 */
const CLEAN_PENDING_LIST = raw(`DO $$ BEGIN
  PERFORM gin_clean_pending_list('agenda_entries_document'::regclass);
EXCEPTION WHEN insufficient_privilege THEN NULL;
END $$`);

/** Rebuilds the index if `hash` differs from the indexed agenda's; true when it rebuilt. */
export async function ensurePostgresIndexed(db: Executor, agenda: Agenda, hash: string, now: Date): Promise<boolean> {
  const indexedHash = async (tx: Executor) =>
    (await tx.row<{ agenda_hash: string }>(sql`SELECT agenda_hash FROM agenda_index_meta WHERE id = 1`))?.agenda_hash;
  if ((await indexedHash(db)) === hash) return false;
  return db.transaction(async (tx) => {
    // Checked again under the lock: processes starting together index the agenda once.
    await tx.run(sql`SELECT pg_advisory_xact_lock(${INDEX_LOCK})`);
    if ((await indexedHash(tx)) === hash) return false;
    const rows = indexRows(agenda);
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
    await tx.run(sql`DELETE FROM agenda_entries`);
    await tx.run(sql`
      INSERT INTO agenda_entries (position, kind, item_id, challenge_id, origin, title, body, keywords)
        SELECT * FROM unnest(${rows.map((_, i) => i + 1)}::int[], ${column('kind')}::text[],
          ${column('itemId')}::text[], ${column('challengeId')}::text[], ${column('origin')}::text[],
          ${column('title')}::text[], ${column('body')}::text[], ${column('keywords')}::text[])`);
    await tx.run(CLEAN_PENDING_LIST);
    await tx.run(sql`
      INSERT INTO agenda_index_meta (id, agenda_hash, indexed_at) VALUES (1, ${hash}, ${now.toISOString()})
        ON CONFLICT (id) DO UPDATE SET agenda_hash = excluded.agenda_hash, indexed_at = excluded.indexed_at`);
    return true;
  });
}

/** One term (`"multi agent"`) as a tsquery; the last long single word also matches as a prefix. */
function termQuery(term: string, last: boolean): Sql {
  const words = term.slice(1, -1);
  const phrase = sql`phraseto_tsquery('english', ${words})`;
  if (!last || words.includes(' ') || words.length < 3) return phrase; // FTS5: the same rule in ftsParts
  // Safe: `words` is letters and digits only (queryTerms), and quote_literal makes it one operand.
  return sql`(${phrase} || to_tsquery('english', quote_literal(${words}) || ':*'))`;
}

/** Every term (`all`) or any term, as one tsquery expression. */
export function toTsQuery(terms: readonly string[], mode: 'all' | 'any'): Sql {
  return joinSql(
    terms.map((term, index) => termQuery(term, index === terms.length - 1)),
    mode === 'all' ? ' && ' : ' || ',
  );
}

/**
 * Search on PostgreSQL, with results remembered per indexed agenda as on SQLite (`../search-cache.ts`):
 * `ts_rank_cd` ranks every match before the LIMIT, so a common word over 20,000 questions costs tens of
 * milliseconds, while a repeated search costs one primary-key read of the indexed version.
 */
export function createPostgresSearch(db: Executor, cache = new SearchCache()): AgendaSearch {
  const indexVersion = async () =>
    (await db.row<{ agenda_hash: string }>(sql`SELECT agenda_hash FROM agenda_index_meta WHERE id = 1`))?.agenda_hash ??
    '';
  return {
    async search(query: string, filter: SearchFilter, limit: number): Promise<SearchResult> {
      const terms = queryTerms(query);
      if (terms.length === 0) return { hits: [], total: 0 };
      const key = searchKey(terms, filter, limit);
      const version = await indexVersion();
      const cached = cache.get(version, key);
      if (cached !== undefined) return cached;
      const result = await searchTerms(db, terms, filter, limit);
      // Statements on a pool share no snapshot: a rebuild that committed meanwhile may have answered part of it.
      return (await indexVersion()) === version ? cache.set(version, key, result) : result;
    },
  };
}

async function searchTerms(
  db: Executor,
  terms: readonly string[],
  filter: SearchFilter,
  limit: number,
): Promise<SearchResult> {
  if (filter.anyWord === true) return run(db, toTsQuery(terms, 'any'), filter, limit);
  const strict = await run(db, toTsQuery(terms, 'all'), filter, limit);
  if (strict.total > 0 || terms.length === 1) return strict;
  // No entry has every word: rank the entries that have some, and say so.
  const relaxed = await run(db, toTsQuery(terms, 'any'), filter, limit);
  return relaxed.total > 0 ? { ...relaxed, relaxed: true } : relaxed;
}

function filterConditions(filter: SearchFilter): Sql[] | undefined {
  const conditions: Sql[] = [];
  if (filter.challengeIds !== undefined) {
    if (filter.challengeIds.length === 0) return undefined;
    conditions.push(sql`challenge_id = ANY(${[...filter.challengeIds]}::text[])`);
  }
  if (filter.exceptChallengeIds !== undefined && filter.exceptChallengeIds.length > 0) {
    conditions.push(sql`NOT (challenge_id = ANY(${[...filter.exceptChallengeIds]}::text[]))`);
  }
  if (filter.kind !== undefined) conditions.push(sql`kind = ${filter.kind}`);
  if (filter.origin !== undefined) conditions.push(sql`origin = ${filter.origin}`);
  return conditions;
}

async function run(db: Executor, query: Sql, filter: SearchFilter, limit: number): Promise<SearchResult> {
  const conditions = filterConditions(filter);
  if (conditions === undefined) return { hits: [], total: 0 };
  const where = joinSql([sql`document @@ q.query`, ...conditions], ' AND ');
  // Ranks are negated so that, as with FTS5's BM25, lower is better.
  const rows = await db.rows<{ kind: SearchHit['kind']; id: string; rank: number; total: number }>(sql`
    WITH q AS (SELECT ${query} AS query)
    SELECT kind, item_id AS id, -ts_rank_cd(${WEIGHTS}::float4[], document, q.query, ${BY_LENGTH}::int) AS rank,
           count(*) OVER () AS total
      FROM agenda_entries, q
      WHERE ${where}
      ORDER BY rank, position
      LIMIT ${Math.max(0, Math.floor(limit))}`);
  const total = rows[0]?.total ?? (limit > 0 ? 0 : await count(db, query, where));
  return { hits: rows.map((r) => ({ kind: r.kind, id: r.id, rank: r.rank })), total };
}

async function count(db: Executor, query: Sql, where: Sql): Promise<number> {
  const row = await db.row<{ n: number }>(
    sql`WITH q AS (SELECT ${query} AS query) SELECT count(*) AS n FROM agenda_entries, q WHERE ${where}`,
  );
  return row?.n ?? 0;
}
