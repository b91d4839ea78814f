import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../src/core/agenda/catalog-impl.js';
import { completeAgenda } from '../../../src/core/agenda/complete.js';
import { loadAgenda } from '../../../src/core/agenda/load.js';

const catalog = createCatalog(loadAgenda(new URL('../../../data/agenda.json', import.meta.url).pathname));

describe('completeAgenda', () => {
  it('suggests challenges by id prefix', () => {
    expect(completeAgenda(catalog, 'challenge', '3.').map((c) => c.value)).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
    expect(completeAgenda(catalog, 'challenge', '3.5')).toEqual([
      { name: '3.5 Jailbreaks and prompt injection undermine LLM security', value: '3.5' },
    ]);
  });

  it('suggests challenges by words in titles, headings and keywords', () => {
    expect(completeAgenda(catalog, 'challenge', 'backdoor').map((c) => c.value)).toEqual(['3.6']);
    expect(completeAgenda(catalog, 'challenge', 'Prompt Injection').map((c) => c.value)).toEqual(['3.5']);
  });

  it('offers categories by section, and both kinds for a scope', () => {
    expect(completeAgenda(catalog, 'category', '')).toEqual([
      { name: '2 Scientific understanding of LLMs', value: '2' },
      { name: '3 Methods for building and deploying LLMs', value: '3' },
      { name: '4 Sociotechnical challenges', value: '4' },
    ]);
    expect(completeAgenda(catalog, 'scope', '4').map((c) => c.value)).toEqual(['4', '4.1', '4.2', '4.3', '4.4', '4.5']);
  });

  it('suggests questions with their origin, within 25 choices of 100 characters', () => {
    const all = completeAgenda(catalog, 'question', '');
    expect(all).toHaveLength(25);
    expect(all.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
    expect(all[0]?.name.startsWith('2.1-q1 (paper) Can either')).toBe(true);
    expect(completeAgenda(catalog, 'question', '3.5.2-').map((c) => c.value)).toEqual(['3.5.2-p1', '3.5.2-p2']);
    expect(completeAgenda(catalog, 'question', '3.5.2-p1')[0]?.name.startsWith('3.5.2-p1 (prompt) ')).toBe(true);
  });

  it('has nothing for sources that belong to other features', () => {
    expect(completeAgenda(catalog, 'group', '')).toEqual([]);
  });
});
