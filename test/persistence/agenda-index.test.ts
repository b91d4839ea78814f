import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agendaContentHash, loadAgenda, parseAgenda } from '../../src/core/agenda/load.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';
import { createAgendaSearch, ensureIndexed } from '../../src/persistence/agenda-index.js';
import { openDatabase } from '../../src/persistence/db.js';
import { ftsParts, queryTerms } from '../../src/persistence/fts-query.js';

const AGENDA_PATH = FIXTURE_AGENDA_PATH;
const agenda = loadAgenda(AGENDA_PATH);

function indexedDb() {
  const db = openDatabase(':memory:');
  ensureIndexed(db, agenda, agendaContentHash(agenda));
  return db;
}

const db = indexedDb();
const search = createAgendaSearch(db);

describe('ensureIndexed', () => {
  it('indexes every challenge, subsection and question once', () => {
    const fresh = openDatabase(':memory:');
    expect(ensureIndexed(fresh, agenda, 'hash-1', new Date('2026-01-05T10:00:00Z'))).toBe(true);
    const counts = fresh.prepare('SELECT kind, count(*) AS n FROM agenda_fts GROUP BY kind ORDER BY kind').all();
    expect(counts).toEqual([
      { kind: 'challenge', n: 18 },
      { kind: 'question', n: 106 },
      { kind: 'subsection', n: 51 },
    ]);
    expect(fresh.prepare('SELECT agenda_hash, indexed_at FROM agenda_index_meta').get()).toEqual({
      agenda_hash: 'hash-1',
      indexed_at: '2026-01-05T10:00:00.000Z',
    });
  });

  it('leaves the index alone when the hash is unchanged and rebuilds when it changes', () => {
    const fresh = openDatabase(':memory:');
    ensureIndexed(fresh, agenda, 'hash-1');
    expect(ensureIndexed(fresh, agenda, 'hash-1')).toBe(false);

    const document = JSON.parse(readFileSync(AGENDA_PATH, 'utf8'));
    document.challenges[11].questions[0].text = 'Does the zyzzogeton attack transfer between models?';
    const changed = parseAgenda(JSON.stringify(document), 'changed');
    expect(ensureIndexed(fresh, changed, 'hash-2')).toBe(true);
    const after = createAgendaSearch(fresh);
    expect(after.search('zyzzogeton', {}, 5).hits.map((h) => h.id)).toEqual(['3.5.1-p1']);
    expect(fresh.prepare('SELECT count(*) AS n FROM agenda_fts').get()).toEqual({ n: 175 });
  });
  it('leaves a rebuilt index as compact as a fresh one, with the same hits and ranks', () => {
    const fresh = openDatabase(':memory:');
    ensureIndexed(fresh, agenda, 'hash-1');
    const rebuilt = openDatabase(':memory:');
    for (const hash of ['hash-1', 'hash-2', 'hash-3', 'hash-4']) ensureIndexed(rebuilt, agenda, hash);
    // The index's storage (its segments) holds no trace of the three deletes.
    const blocks = (d: typeof fresh) => d.prepare('SELECT count(*) AS n FROM agenda_fts_data').get();
    expect(blocks(rebuilt)).toEqual(blocks(fresh));
    for (const words of ['jailbreak', 'reward hacking', 'jailbreak zyzzogeton', 'multi-agent', 'prompt injec']) {
      const [a, b] = [createAgendaSearch(fresh), createAgendaSearch(rebuilt)];
      expect(b.search(words, {}, 10)).toEqual(a.search(words, {}, 10));
    }
  });
});

describe('search ranking', () => {
  it('puts jailbreak material first for "jailbreak"', () => {
    const result = search.search('jailbreak', {}, 3);
    expect(result.hits.map((h) => h.id)).toEqual(['3.5.3', '3.5.1', '3.5']);
    expect(result.total).toBe(10);
  });

  it('finds challenge 3.6 material for "backdoor"', () => {
    const result = search.search('backdoor', {}, 10);
    expect(result.hits.slice(0, 2).map((h) => h.id)).toEqual(['3.6.6', '3.6']);
    expect(result.hits.slice(0, 5).every((h) => h.id.startsWith('3.6'))).toBe(true);
  });

  it('matches phrases and stems ("prompt injections", "multi-agent")', () => {
    expect(search.search('prompt injections', {}, 2).hits.map((h) => h.id)).toEqual(['3.5.1', '3.5']);
    expect(search.search('multi-agent', {}, 3).hits.map((h) => h.kind)).toContain('challenge');
    expect(search.search('multi-agent', {}, 3).hits.every((h) => h.id.startsWith('2.6'))).toBe(true);
  });

  it('reports the hits as kinds with BM25 ranks, best (lowest) first', () => {
    const hits = search.search('poisoning', {}, 20).hits;
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(['challenge', 'subsection', 'question']));
    const ranks = hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('falls back to entries with some of the words, and says so', () => {
    const result = search.search('jailbreak quantum', {}, 3);
    expect(result.relaxed).toBe(true);
    expect(result.hits[0]?.id).toBe('3.5.3');
    expect(search.search('jailbreak', {}, 3).relaxed).toBeUndefined();
  });
});

describe('filters', () => {
  it('keeps only the given challenges', () => {
    const result = search.search('evaluation', { challengeIds: ['3.3'] }, 50);
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.every((h) => h.id.startsWith('3.3'))).toBe(true);
    expect(search.search('evaluation', {}, 50).total).toBeGreaterThan(result.total);
  });

  it('keeps only questions of one origin', () => {
    const paper = search.search('icl', { origin: 'paper' }, 10);
    expect(paper.hits.map((h) => h.id)).toEqual(['2.1-q1', '2.1-q2']);
    const prompts = search.search('icl', { origin: 'prompt' }, 50);
    expect(prompts.hits.every((h) => h.kind === 'question' && h.id.includes('-p'))).toBe(true);
  });

  it('returns nothing for an empty challenge list', () => {
    expect(search.search('jailbreak', { challengeIds: [] }, 10)).toEqual({ hits: [], total: 0 });
  });

  it('limits hits but counts them all', () => {
    const result = search.search('model', {}, 10);
    expect(result.hits).toHaveLength(10);
    expect(result.total).toBeGreaterThan(10);
  });
});

describe('hostile input never reaches FTS5 as syntax', () => {
  it.each([
    ['multi-agent'],
    ["a'b"],
    ['"'],
    ['@x'],
    ['*'],
    ['NEAR('],
    ['OR'],
    [''],
    ['   '],
    ['title:jailbreak'],
    ['jailbreak)'],
    ['(jailbreak OR'],
    ['"unterminated'],
    ['^start'],
    ['-minus'],
    ['jail* NOT x'],
    ['\u0000\u202e'],
    ['x'.repeat(5000)],
    ['jailbreak '.repeat(500)],
  ])('%j gives results or nothing, never an error', (query) => {
    const result = search.search(query, {}, 10);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  });

  it('turns chunks into quoted phrases and drops operators and stop words', () => {
    expect(queryTerms('multi-agent "collusion" OR NEAR(x AND *')).toEqual(['"multi agent"', '"collusion"']);
    expect(queryTerms('how do models learn in context')).toEqual(['"models"', '"learn"', '"context"']);
    expect(queryTerms('how do')).toEqual(['"how"', '"do"']);
    expect(queryTerms('"*" @ ()')).toEqual([]);
    expect(ftsParts(['"prompt"', '"inject"'])).toEqual(['"prompt"', '"inject"*']);
    expect(ftsParts(['"multi agent"', '"ab"'])).toEqual(['"multi agent"', '"ab"']);
  });

  it('treats words that look like syntax as words', () => {
    // Read as a column filter, this would find the jailbreak entries; as words, nothing has "title jailbreak".
    expect(search.search('title:jailbreak', {}, 3)).toEqual({ hits: [], total: 0 });
    expect(search.search('"unterminated jailbreak', {}, 1).hits[0]?.id).toBe('3.5.3');
  });
});
