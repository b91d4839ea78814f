import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgenda, parseAgenda } from '../../src/core/agenda/load.js';
import { createAgendaSearch, ensureIndexed } from '../../src/persistence/agenda-index.js';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import { SearchCache, searchKey } from '../../src/persistence/search-cache.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';

const agenda = loadAgenda(FIXTURE_AGENDA_PATH);

/** The fixture agenda with one question about a word nothing else has. */
function agendaWithZyzzogeton() {
  const document = JSON.parse(readFileSync(FIXTURE_AGENDA_PATH, 'utf8'));
  document.challenges[11].questions[0].text = 'Does the zyzzogeton attack transfer between models?';
  return parseAgenda(JSON.stringify(document), 'changed');
}

/** Two connections to one new database file, as two processes would have; both closed afterwards. */
function withTwoConnections(test: (mine: Db, theirs: Db) => void): void {
  const path = join(mkdtempSync(join(tmpdir(), 'agendabot-search-cache-')), 'bot.db');
  const mine = openDatabase(path);
  const theirs = openDatabase(path);
  try {
    test(mine, theirs);
  } finally {
    mine.close();
    theirs.close();
  }
}

describe('remembered search results', () => {
  it('answers a repeated search without reading the index, until the index is rebuilt', () => {
    const db = openDatabase(':memory:');
    ensureIndexed(db, agenda, 'hash-1');
    const search = createAgendaSearch(db);
    expect(search.search('jailbreak', {}, 3).hits.map((h) => h.id)).toEqual(['3.5.3', '3.5.1', '3.5']);

    // Emptied behind the search's back, with the recorded version unchanged: the answer is remembered.
    db.prepare('DELETE FROM agenda_fts').run();
    expect(search.search('Jailbreak', {}, 3).hits.map((h) => h.id)).toEqual(['3.5.3', '3.5.1', '3.5']);
    expect(search.search('backdoor', {}, 3)).toEqual({ hits: [], total: 0 });

    ensureIndexed(db, agendaWithZyzzogeton(), 'hash-2');
    expect(search.search('zyzzogeton', {}, 5).hits.map((h) => h.id)).toEqual(['3.5.1-p1']);
    expect(search.search('jailbreak', {}, 3).total).toBe(10);
  });

  it('answers the same words under a filter or another limit apart from the plain search', () => {
    const db = openDatabase(':memory:');
    ensureIndexed(db, agenda, 'hash-1');
    const search = createAgendaSearch(db);
    expect(search.search('jailbreak', {}, 3).hits.map((h) => h.id)).toEqual(['3.5.3', '3.5.1', '3.5']);
    expect(search.search('jailbreak', { kind: 'question' }, 3).hits.every((h) => h.kind === 'question')).toBe(true);
    expect(search.search('jailbreak', { challengeIds: ['2.1'] }, 3).hits.map((h) => h.id)).toEqual(['2.1.3-p1']);
    expect(search.search('jailbreak', {}, 1).hits.map((h) => h.id)).toEqual(['3.5.3']);
    expect(search.search('jailbreak', {}, 3).hits.map((h) => h.id)).toEqual(['3.5.3', '3.5.1', '3.5']);
  });

  it('sees a rebuild made by another connection to the same database at once', () =>
    withTwoConnections((mine, theirs) => {
      ensureIndexed(mine, agenda, 'hash-1');
      const search = createAgendaSearch(mine);
      expect(search.search('zyzzogeton', {}, 5)).toEqual({ hits: [], total: 0 });
      ensureIndexed(theirs, agendaWithZyzzogeton(), 'hash-2');
      expect(search.search('zyzzogeton', {}, 5).hits.map((h) => h.id)).toEqual(['3.5.1-p1']);
    }));

  it("keeps its answers across other connections' commits that leave the index version alone", () =>
    withTwoConnections((mine, theirs) => {
      ensureIndexed(mine, agenda, 'hash-1');
      const search = createAgendaSearch(mine);
      expect(search.search('jailbreak', {}, 3).hits.map((h) => h.id)).toEqual(['3.5.3', '3.5.1', '3.5']);
      // Another process empties the index but records no new version: the remembered answer still stands.
      theirs.prepare('DELETE FROM agenda_fts').run();
      expect(search.search('jailbreak', {}, 3).hits.map((h) => h.id)).toEqual(['3.5.3', '3.5.1', '3.5']);
      // Now it records another version: the next search reads the (empty) index.
      theirs.prepare("UPDATE agenda_index_meta SET agenda_hash = 'emptied' WHERE id = 1").run();
      expect(search.search('jailbreak', {}, 3)).toEqual({ hits: [], total: 0 });
    }));

  it('sees every rebuild, whichever connection makes it, back and forth', () =>
    withTwoConnections((mine, theirs) => {
      ensureIndexed(mine, agenda, 'hash-1');
      const search = createAgendaSearch(mine);
      const zyzzogeton = () => search.search('zyzzogeton', {}, 5).hits.map((h) => h.id);
      expect(zyzzogeton()).toEqual([]);
      ensureIndexed(theirs, agendaWithZyzzogeton(), 'hash-2');
      expect(zyzzogeton()).toEqual(['3.5.1-p1']);
      ensureIndexed(mine, agenda, 'hash-1');
      expect(zyzzogeton()).toEqual([]);
      ensureIndexed(theirs, agendaWithZyzzogeton(), 'hash-2');
      expect(zyzzogeton()).toEqual(['3.5.1-p1']);
      ensureIndexed(mine, agenda, 'hash-1');
      expect(zyzzogeton()).toEqual([]);
    }));

  it('keeps a separate answer for each filter and limit', () => {
    const db = openDatabase(':memory:');
    ensureIndexed(db, agenda, 'hash-1');
    const search = createAgendaSearch(db);
    expect(search.search('jailbreak', {}, 3).hits).toHaveLength(3);
    expect(search.search('jailbreak', {}, 1).hits.map((h) => h.id)).toEqual(['3.5.3']);
    expect(search.search('jailbreak', { kind: 'challenge' }, 3).hits.map((h) => h.id)).toEqual(['3.5']);
    expect(search.search('jailbreak', { challengeIds: ['3.6'] }, 3).total).toBe(0);
  });
});

describe('SearchCache', () => {
  const result = (total: number) => ({ hits: [{ kind: 'question' as const, id: `q${total}`, rank: -1 }], total });

  it('forgets the least recently used entry beyond its capacity', () => {
    const cache = new SearchCache(2);
    expect(cache.get('v1', 'a')).toBeUndefined();
    cache.set('v1', 'a', result(1));
    cache.set('v1', 'b', result(2));
    expect(cache.get('v1', 'a')?.total).toBe(1);
    cache.set('v1', 'c', result(3));
    expect(cache.get('v1', 'b')).toBeUndefined();
    expect(cache.get('v1', 'a')?.total).toBe(1);
    expect(cache.get('v1', 'c')?.total).toBe(3);
  });

  it('empties itself when another version is asked for, and stores nothing for an old version', () => {
    const cache = new SearchCache(8);
    cache.get('v1', 'a');
    cache.set('v1', 'a', result(1));
    expect(cache.get('v2', 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('v1', 'a', result(1));
    expect(cache.get('v2', 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('hands out frozen results, so no caller can change what the next one gets', () => {
    const cache = new SearchCache(8);
    cache.get('v1', 'a');
    const stored = cache.set('v1', 'a', result(1));
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored.hits)).toBe(true);
    expect(Object.isFrozen(stored.hits[0])).toBe(true);
  });

  it('tells searches apart by terms, filter and limit', () => {
    const key = searchKey(['"jailbreak"'], {}, 10);
    expect(searchKey(['"jailbreak"'], {}, 10)).toBe(key);
    expect(searchKey(['"jailbreak"'], {}, 5)).not.toBe(key);
    expect(searchKey(['"jailbreak"'], { anyWord: true }, 10)).not.toBe(key);
    expect(searchKey(['"jailbreak"'], { origin: 'paper' }, 10)).not.toBe(key);
    expect(searchKey(['"jailbreak"'], { challengeIds: ['3.5'] }, 10)).not.toBe(
      searchKey(['"jailbreak"'], { exceptChallengeIds: ['3.5'] }, 10),
    );
  });
});
