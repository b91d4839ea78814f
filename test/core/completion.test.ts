import { describe, expect, it } from 'vitest';
import type { AgendaSearch, SearchHit, SearchResult } from '../../src/core/agenda/search.js';
import type { Challenge } from '../../src/core/agenda/model.js';
import { complete } from '../../src/core/completion.js';
import { miniAgenda, miniCatalog, ScriptedSearch } from '../fixtures/mini-agenda.js';

const catalog = miniCatalog();
const values = (list: readonly { value: string }[]): string[] => list.map((c) => c.value);

describe('complete (autocomplete ranking)', () => {
  it('puts the exact challenge id first and shows id and title', async () => {
    expect(await complete('challenge', '3.5', catalog, new ScriptedSearch())).toEqual([
      { name: '3.5 Jailbreaks and prompt injection', value: '3.5' },
    ]);
  });

  it('offers every challenge whose id starts with what was typed, in agenda order', async () => {
    expect(values(await complete('challenge', '3', catalog, new ScriptedSearch()))).toEqual(['3.5', '3.6']);
  });

  it('matches a keyword prefix and a later word of a keyword', async () => {
    expect(values(await complete('challenge', 'back', catalog, new ScriptedSearch()))).toEqual(['3.6']);
    expect(values(await complete('challenge', 'inj', catalog, new ScriptedSearch()))).toEqual(['3.5']);
  });

  it('ranks title prefixes before full-text hits, and does not repeat a challenge', async () => {
    const search = new ScriptedSearch({
      poison: [
        { kind: 'question', id: '3.5.2-p1', rank: -3 },
        { kind: 'subsection', id: '3.6.1', rank: -2 },
      ],
    });
    expect(values(await complete('challenge', 'Poison', catalog, search))).toEqual(['3.6', '3.5']);
    expect(search.queries).toEqual(['Poison']);
  });

  it('falls back to full-text hits when no id, title or keyword matches', async () => {
    const search = new ScriptedSearch({ guardrails: [{ kind: 'challenge', id: '3.5', rank: -1 }] });
    expect(values(await complete('challenge', 'guardrails', catalog, search))).toEqual(['3.5']);
  });

  it('ranks a category by its section number before challenges inside it (scope)', async () => {
    expect(await complete('scope', '2', catalog, new ScriptedSearch())).toEqual([
      { name: '2 Scientific understanding (category)', value: 'scientific-understanding' },
      { name: '2.1 In-context learning', value: '2.1' },
    ]);
  });

  it("completes question ids by prefix and says each question's origin", async () => {
    expect(await complete('question', '3.5', catalog, new ScriptedSearch())).toEqual([
      { name: '3.5-q1 (paper): How can jailbreak robustness be measured?', value: '3.5-q1' },
      { name: '3.5.2-p1 (prompt, ours): Which prompt injection defences transfer across models?', value: '3.5.2-p1' },
    ]);
  });

  it('completes categories by id', async () => {
    expect(values(await complete('category', 'development-deployment', catalog, new ScriptedSearch()))).toEqual([
      'development-deployment',
    ]);
  });

  it('offers everything in agenda order when nothing is typed yet', async () => {
    expect(values(await complete('challenge', '  ', catalog, new ScriptedSearch()))).toEqual(['2.1', '3.5', '3.6']);
  });

  it('offers at most 25 choices', async () => {
    const template = miniAgenda.challenges[1] as Challenge;
    const many: Challenge[] = [];
    for (let n = 1; n <= 30; n++) many.push({ ...template, id: `4.${n}`, slug: `c${n}`, title: `Topic ${n}` });
    const big = miniCatalog({ ...miniAgenda, challenges: many });
    const offered = await complete('challenge', '4', big, new ScriptedSearch());
    expect(offered).toHaveLength(25);
    expect(offered[0]?.value).toBe('4.1');
    expect(offered[24]?.value).toBe('4.25');
  });

  it('cuts names to 100 characters with an ellipsis', async () => {
    const long = 'word '.repeat(60).trim();
    const template = miniAgenda.challenges[0] as Challenge;
    const big = miniCatalog({ ...miniAgenda, challenges: [{ ...template, title: long }] });
    const [only] = await complete('challenge', '2.1', big, new ScriptedSearch());
    expect(only?.name).toHaveLength(100);
    expect(only?.name.startsWith('2.1 word word')).toBe(true);
    expect(only?.name.endsWith('…')).toBe(true);
  });

  it('still answers from ids and titles when full-text search fails', async () => {
    const broken: AgendaSearch = {
      search() {
        throw new Error('index unavailable');
      },
    };
    expect(values(await complete('challenge', 'jail', catalog, broken))).toEqual(['3.5']);
  });

  it('has nothing to offer for sources owned by other features', async () => {
    expect(await complete('subscription', '', catalog, new ScriptedSearch())).toEqual([]);
  });
});

/** A search that hands out one result object per index version, as the search cache does. */
class VersionedSearch implements AgendaSearch {
  asked = 0;
  #result: SearchResult;
  constructor(hits: readonly SearchHit[]) {
    this.#result = { hits, total: hits.length };
  }
  rebuild(hits: readonly SearchHit[]): void {
    this.#result = { hits, total: hits.length };
  }
  async search(): Promise<SearchResult> {
    this.asked += 1;
    return this.#result;
  }
}

describe('complete: lists asked for again', () => {
  it('hands out the same frozen list while the full-text result it was ranked from is the same', async () => {
    const kept = miniCatalog();
    const search = new VersionedSearch([{ kind: 'subsection', id: '3.6.1', rank: -2 }]);
    const first = await complete('challenge', 'zzq', kept, search);
    expect(values(first)).toEqual(['3.6']);
    const again = await complete('challenge', 'zzq', kept, search);
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
    // The search is still asked each time: that is how a rebuilt index is noticed.
    expect(search.asked).toBe(2);
  });

  it('ranks again once the index was rebuilt, asking the search once', async () => {
    const kept = miniCatalog();
    const search = new VersionedSearch([{ kind: 'subsection', id: '3.6.1', rank: -2 }]);
    expect(values(await complete('challenge', 'zzq', kept, search))).toEqual(['3.6']);
    search.rebuild([{ kind: 'challenge', id: '2.1', rank: -1 }]);
    expect(values(await complete('challenge', 'zzq', kept, search))).toEqual(['2.1']);
    expect(search.asked).toBe(2);
  });

  it('keeps a list that needed no search without asking it again', async () => {
    const kept = miniCatalog();
    const search = new VersionedSearch([]);
    const first = await complete('challenge', '', kept, search);
    expect(await complete('challenge', '', kept, search)).toBe(first);
    expect(search.asked).toBe(0);
  });

  it('does not keep a list made while the search failed: the next keystroke asks again', async () => {
    const kept = miniCatalog();
    let failing = true;
    const flaky: AgendaSearch = {
      async search() {
        if (failing) throw new Error('index unavailable');
        return { hits: [{ kind: 'challenge', id: '2.1', rank: -1 }], total: 1 };
      },
    };
    expect(values(await complete('challenge', 'zzq', kept, flaky))).toEqual([]);
    failing = false;
    expect(values(await complete('challenge', 'zzq', kept, flaky))).toEqual(['2.1']);
  });

  it('keeps lists per agenda: a reloaded catalog ranks from its own candidates', async () => {
    const search = new VersionedSearch([]);
    const before = await complete('challenge', '3', miniCatalog(), search);
    const template = miniAgenda.challenges[1] as Challenge;
    const reloaded = miniCatalog({
      ...miniAgenda,
      challenges: [{ ...template, id: '3.9', slug: 'new', title: 'New' }],
    });
    expect(values(before)).toEqual(['3.5', '3.6']);
    expect(values(await complete('challenge', '3', reloaded, search))).toEqual(['3.9']);
  });
});
