/**
 * Agenda search on every backend. FTS5 (BM25, porter) and PostgreSQL (ts_rank_cd, english) rank differently,
 * so the cases say what must come first and what must (not) be found, not a whole order. One index per file:
 * the cases only read it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { agendaContentHash, loadAgenda } from '../../../src/core/agenda/load.js';
import type { AgendaSearch } from '../../../src/core/agenda/search.js';
import { FIXTURE_AGENDA_PATH } from '../../fixtures/agenda.js';
import { describeEachBackend, type TestStorage } from './backends.js';

const agenda = loadAgenda(FIXTURE_AGENDA_PATH);
const ids = (result: { hits: readonly { id: string }[] }) => result.hits.map((h) => h.id);
/** The subsections about jailbreaks: FTS5 puts 3.5.3 first, PostgreSQL ranks the two equal (then agenda order). */
const JAILBREAK_SUBSECTIONS = ['3.5.1', '3.5.3'];

describeEachBackend('agenda search', (backend) => {
  let storage: TestStorage;
  let search: AgendaSearch;
  beforeAll(async () => {
    storage = await backend.open();
    await storage.backend.ensureIndexed(agenda, agendaContentHash(agenda), new Date('2026-01-05T10:00:00Z'));
    search = storage.backend.search;
  });
  afterAll(async () => {
    await storage.close();
  });

  it('indexes once per content hash', async () => {
    const hash = agendaContentHash(agenda);
    expect(await storage.backend.ensureIndexed(agenda, hash, new Date())).toBe(false);
    expect(await storage.backend.ensureIndexed(agenda, 'another', new Date())).toBe(true);
    expect(await storage.backend.ensureIndexed(agenda, hash, new Date())).toBe(true);
  });

  it('ranks jailbreak material first for "jailbreak" and counts every hit', async () => {
    const result = await search.search('jailbreak', {}, 3);
    expect(JAILBREAK_SUBSECTIONS).toContain(ids(result)[0]);
    expect(ids(result).every((id) => id.startsWith('3.5'))).toBe(true);
    expect(result.total).toBe(10);
  });

  it('finds challenge 3.6 material first for "backdoor"', async () => {
    const result = await search.search('backdoor', {}, 10);
    expect(ids(result).slice(0, 2)).toEqual(['3.6.6', '3.6']);
    expect(
      ids(result)
        .slice(0, 5)
        .every((id) => id.startsWith('3.6')),
    ).toBe(true);
  });

  it('matches phrases and stems ("prompt injections", "multi-agent")', async () => {
    expect(ids(await search.search('prompt injections', {}, 2))).toEqual(['3.5.1', '3.5']);
    const multi = await search.search('multi-agent', {}, 3);
    expect(multi.hits.map((h) => h.kind)).toContain('challenge');
    expect(ids(multi).every((id) => id.startsWith('2.6'))).toBe(true);
  });

  it('reports hits of every kind, best (lowest rank) first', async () => {
    const hits = (await search.search('poisoning', {}, 20)).hits;
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(['challenge', 'subsection', 'question']));
    const ranks = hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('falls back to entries with some of the words, and says so', async () => {
    const result = await search.search('jailbreak quantum', {}, 3);
    expect(result.relaxed).toBe(true);
    expect(JAILBREAK_SUBSECTIONS).toContain(ids(result)[0]);
    expect((await search.search('jailbreak', {}, 3)).relaxed).toBeUndefined();
    expect((await search.search('zyzzogeton quantum', {}, 3)).total).toBe(0);
  });

  it('ranks a relaxed search as if a word no entry has were not typed', async () => {
    const withTypo = await search.search('jailbreak quantum zyzzogeton', {}, 10);
    const without = await search.search('jailbreak quantum', {}, 10);
    expect(withTypo.relaxed).toBe(true);
    expect(withTypo.hits).toEqual(without.hits);
    expect(withTypo.total).toBe(10);
    // Only the word typed last is a prefix: leaving out the unknown last word makes no other word one.
    expect((await search.search('jailbr zyzzogeton', {}, 3)).total).toBe(0);
  });

  it('matches the last word as a prefix, for people who stop typing early', async () => {
    expect((await search.search('jailbr', {}, 3)).total).toBeGreaterThan(0);
    expect(ids(await search.search('jailbr', {}, 1))[0]).toMatch(/^3\.5/u);
  });

  it('keeps only the given challenges, leaves out excepted ones, and one origin', async () => {
    const only = await search.search('evaluation', { challengeIds: ['3.3'] }, 50);
    expect(only.total).toBeGreaterThan(0);
    expect(ids(only).every((id) => id.startsWith('3.3'))).toBe(true);
    expect((await search.search('evaluation', {}, 50)).total).toBeGreaterThan(only.total);
    const except = await search.search('jailbreak', { exceptChallengeIds: ['3.5'] }, 50);
    expect(ids(except).some((id) => id.startsWith('3.5'))).toBe(false);
    expect(ids(await search.search('icl', { origin: 'paper' }, 10))).toEqual(['2.1-q1', '2.1-q2']);
    const questions = await search.search('jailbreak', { kind: 'question' }, 50);
    expect(questions.hits.every((h) => h.kind === 'question')).toBe(true);
  });

  it('returns nothing for an empty challenge list, and limits hits but counts them all', async () => {
    expect(await search.search('jailbreak', { challengeIds: [] }, 10)).toEqual({ hits: [], total: 0 });
    const result = await search.search('model', {}, 10);
    expect(result.hits).toHaveLength(10);
    expect(result.total).toBeGreaterThan(10);
    expect(await search.search('model', {}, 0)).toEqual({ hits: [], total: result.total });
  });

  it('ranks entries with any word for "more like this" queries (anyWord)', async () => {
    const result = await search.search('jailbreak zyzzogeton', { anyWord: true }, 3);
    expect(JAILBREAK_SUBSECTIONS).toContain(ids(result)[0]);
    expect(result.relaxed).toBeUndefined();
  });

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
    ['!jailbreak & | <-> :*'],
    ["jailbreak' | 'x':*"],
    ['the a of'],
    ['about'],
    ['\u0000\u202e'],
    ['x'.repeat(5000)],
    ['jailbreak '.repeat(500)],
  ])('%j gives results or nothing, never an error', async (query) => {
    const result = await search.search(query, {}, 10);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  });

  it('treats words that look like syntax as words', async () => {
    expect(await search.search('title:jailbreak', {}, 3)).toEqual({ hits: [], total: 0 });
    expect(JAILBREAK_SUBSECTIONS).toContain(ids(await search.search('"unterminated jailbreak', {}, 1))[0]);
  });
});
