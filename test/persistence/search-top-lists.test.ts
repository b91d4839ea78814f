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

/** Replaces the kept hits of `match` with one made-up hit, to see whether a search reads the list. */
function plant(db: Db, match: string): void {
  db.prepare('UPDATE agenda_fts_top SET total = 1, hits = ? WHERE match = ?').run(
    JSON.stringify([['question', 'planted', -1]]),
    match,
  );
}

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
        for (const limit of [1, 5, 10, 50]) {
          const expected = ftsOnly.search(query, {}, limit);
          if (expected.hits.length > 0) answered += 1;
          expect(withLists.search(query, {}, limit)).toEqual(expected);
        }
      }
    }
    // Every word alone finds entries; before another word, a stop word ("the") is dropped and finds none.
    expect(answered).toBeGreaterThanOrEqual(words.length * 4);
  });

  it('reads the kept list instead of asking FTS5', () => {
    const db = indexed(MIN_ENTRIES);
    plant(db, '"llm"*');
    expect(createAgendaSearch(db).search('llm', {}, 10)).toEqual({
      hits: [{ kind: 'question', id: 'planted', rank: -1 }],
      total: 1,
    });
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
