/**
 * The ranked lists kept for frequent words: a search answered from one must be exactly the answer FTS5 gives
 * (checked against a database that keeps no lists), must really come from the list, and must never come
 * from a list made for another index.
 */
import { describe, expect, it } from 'vitest';
import { loadAgenda } from '../../src/core/agenda/load.js';
import type { SearchFilter } from '../../src/core/agenda/search.js';
import { createAgendaSearch, ensureIndexed } from '../../src/persistence/agenda-index.js';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import { queryTerms } from '../../src/persistence/fts-query.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';

const agenda = loadAgenda(FIXTURE_AGENDA_PATH);
const NOW = new Date('2026-11-30T12:00:00Z');
/** Small enough that the fixture agenda's common words get lists. */
const MIN_ENTRIES = 10;

function indexed(minEntries: number): Db {
  const db = openDatabase(':memory:');
  ensureIndexed(db, agenda, 'hash-1', NOW, minEntries);
  return db;
}

function keptExpressions(db: Db): string[] {
  return (db.prepare('SELECT match FROM agenda_fts_top ORDER BY match').pluck().all() as string[]).slice();
}

/**
 * Replaces the kept hits of `match` with one made-up hit, to see whether a search reads the list. Its rank
 * is better than any real one (BM25 ranks are negative, best first).
 */
function plant(db: Db, match: string): void {
  db.prepare('UPDATE agenda_fts_top SET total = 1, hits = ? WHERE match = ?').run(
    JSON.stringify([[999_999, 'question', 'planted', -100]]),
    match,
  );
}

const PLANTED = { kind: 'question', id: 'planted', rank: -100 };

describe('top lists for frequent words', () => {
  it('answers one-word searches exactly as FTS5 ranks them, typed last (a prefix) or not', () => {
    const withLists = createAgendaSearch(indexed(MIN_ENTRIES));
    const ftsOnly = createAgendaSearch(indexed(Number.MAX_SAFE_INTEGER));
    const expressions = keptExpressions(indexed(MIN_ENTRIES));
    expect(expressions).toEqual(expect.arrayContaining(['"llm"', '"llm"*']));
    expect(expressions.length).toBeGreaterThan(6);
    const words = [...new Set(expressions.map((match) => match.replace(/^"|"\*?$/gu, '')))];
    let answered = 0;
    for (const word of words) {
      // Alone, the word is the last one typed; before a word no entry has, it is searched as typed.
      for (const query of [word, `${word} zzqqxx`]) {
        for (const limit of [0, 1, 5, 10, 50]) {
          const expected = ftsOnly.search(query, {}, limit);
          if (expected.hits.length > 0) answered += 1;
          expect(withLists.search(query, {}, limit)).toEqual(expected);
        }
      }
    }
    // Every word alone finds entries; before another word, a stop word ("the") is dropped and finds none.
    expect(answered).toBeGreaterThanOrEqual(words.length * 4);
  });

  it('answers a search for any of a few common words exactly as FTS5 ranks it', () => {
    const withLists = createAgendaSearch(indexed(MIN_ENTRIES));
    const ftsOnly = createAgendaSearch(indexed(Number.MAX_SAFE_INTEGER));
    const frequent = indexed(MIN_ENTRIES)
      .prepare("SELECT match FROM agenda_fts_top WHERE match NOT LIKE '%*' ORDER BY total DESC, match")
      .pluck()
      .all() as string[];
    // Stop words are dropped beside other words ("how", "the"): they would not be searched at all.
    const searched = frequent.map((match) => match.slice(1, -1)).filter((w) => queryTerms(`${w} x`).length === 2);
    // The most frequent words, which share many entries, and rarer ones, which share fewer.
    const pairs = combinations([...searched.slice(0, 4), ...searched.slice(-3)], 2);
    const triples = combinations([...searched.slice(0, 3), ...searched.slice(-2)], 3);
    const longer = [searched.slice(0, 4), searched.slice(0, 5), searched.slice(-5)];
    let relaxed = 0;
    for (const words of [...pairs, ...triples, ...longer]) {
      // No entry has a made-up word, so each search ranks the entries with any of the common words.
      for (const [query, filter] of [
        [`${words.join(' ')} zzqqxx`, {}],
        [words.join(' '), { anyWord: true }],
      ] as const) {
        for (const limit of [0, 1, 5, 10, 50]) {
          const expected = ftsOnly.search(query, filter, limit);
          if (expected.relaxed === true) relaxed += 1;
          expect(withLists.search(query, filter, limit)).toEqual(expected);
        }
      }
    }
    // Every search, at every limit, ranked the entries with some of the words.
    expect(relaxed).toBe((pairs.length + triples.length + longer.length) * 5);
  });

  it('reads both kept lists for a search of either word', () => {
    const db = indexed(MIN_ENTRIES);
    plant(db, '"llm"');
    const { hits } = createAgendaSearch(db).search('llm models zzqqxx', {}, 10);
    expect(hits[0]).toEqual(PLANTED);
    expect(hits.length).toBe(10);
  });

  it('reads the kept list instead of asking FTS5', () => {
    const db = indexed(MIN_ENTRIES);
    plant(db, '"llm"*');
    expect(createAgendaSearch(db).search('llm', {}, 10)).toEqual({ hits: [PLANTED], total: 1 });
  });

  it('asks FTS5 for a filtered search, and for more hits than a list holds', () => {
    const db = indexed(MIN_ENTRIES);
    plant(db, '"llm"*');
    const search = createAgendaSearch(db);
    const filters: SearchFilter[] = [{ kind: 'question' }, { origin: 'prompt' }, { challengeIds: ['3.5'] }];
    for (const filter of filters) {
      expect(search.search('llm', filter, 10).hits.map((h) => h.id)).not.toContain('planted');
    }
    expect(search.search('llm', {}, 51).hits.map((h) => h.id)).not.toContain('planted');
  });

  it('never reads lists made for another index (a rebuild by a process that predates them)', () => {
    const db = indexed(MIN_ENTRIES);
    plant(db, '"llm"*');
    db.prepare("UPDATE agenda_index_meta SET agenda_hash = 'rebuilt-elsewhere'").run();
    expect(
      createAgendaSearch(db)
        .search('llm', {}, 10)
        .hits.map((h) => h.id),
    ).not.toContain('planted');
  });

  it('gives an index made before the lists existed its lists at the next start, without rebuilding it', () => {
    const db = indexed(MIN_ENTRIES);
    const before = keptExpressions(db);
    db.prepare('DELETE FROM agenda_fts_top').run();
    db.prepare('UPDATE agenda_index_meta SET top_lists_hash = NULL').run();
    expect(ensureIndexed(db, agenda, 'hash-1', NOW, MIN_ENTRIES)).toBe(false);
    expect(keptExpressions(db)).toEqual(before);
    expect(db.prepare('SELECT top_lists_hash FROM agenda_index_meta').pluck().get()).toBe('hash-1');
  });

  it('makes new lists with a rebuild, and none for words too rare to need them', () => {
    const db = indexed(MIN_ENTRIES);
    plant(db, '"llm"*');
    expect(ensureIndexed(db, agenda, 'hash-2', NOW, MIN_ENTRIES)).toBe(true);
    expect(
      createAgendaSearch(db)
        .search('llm', {}, 10)
        .hits.map((h) => h.id),
    ).not.toContain('planted');
    expect(keptExpressions(indexed(500))).toEqual([]);
  });
});

/** Every choice of `size` items from `items`, each in the items' order, repeats included (`a a`). */
function combinations(items: readonly string[], size: number): string[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => combinations(items.slice(i), size - 1).map((rest) => [item, ...rest]));
}
