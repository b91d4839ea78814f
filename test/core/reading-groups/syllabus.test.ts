import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../src/core/agenda/catalog-impl.js';
import { loadAgenda } from '../../../src/core/agenda/load.js';
import { FIXTURE_AGENDA_PATH } from '../../fixtures/agenda.js';
import { anotherQuestion, firstQuestions } from '../../../src/core/features/reading-groups/questions.js';
import { resolveSyllabus } from '../../../src/core/features/reading-groups/syllabus.js';

const catalog = createCatalog(loadAgenda(FIXTURE_AGENDA_PATH));

describe('syllabus resolution', () => {
  it("takes the whole agenda in the paper's order by default", () => {
    expect(resolveSyllabus(catalog, undefined, 'challenge')).toEqual([
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '2.6',
      '2.7',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
    ]);
    expect(resolveSyllabus(catalog, 'all', 'subsection')).toHaveLength(51);
  });

  it('takes a category by id, by section number, or by name', () => {
    const sociotechnical = ['4.1', '4.2', '4.3', '4.4', '4.5'];
    expect(resolveSyllabus(catalog, 'sociotechnical', 'challenge')).toEqual(sociotechnical);
    expect(resolveSyllabus(catalog, '4', 'challenge')).toEqual(sociotechnical);
  });

  it('keeps a list in the order given and expands challenges to subsections for deep groups', () => {
    expect(resolveSyllabus(catalog, '3.4,3.5,2.5', 'challenge')).toEqual(['3.4', '3.5', '2.5']);
    expect(resolveSyllabus(catalog, '2.7, 3.4.2', 'subsection')).toEqual(['2.7.1', '2.7.2', '2.7.3', '2.7.4', '3.4.2']);
  });
});

describe('session questions', () => {
  it("put the paper's questions first, then our prompts, four to start", () => {
    expect(firstQuestions(catalog, '2.1').map((q) => q.id)).toEqual(['2.1-q1', '2.1-q2', '2.1.1-p1', '2.1.1-p2']);
  });

  it('start a subsection session with its own questions and fall back to its challenge', () => {
    expect(firstQuestions(catalog, '2.1.2').map((q) => q.id)).toEqual(['2.1-q2', '2.1.2-p1', '2.1.2-p2', '2.1-q1']);
    expect(anotherQuestion(catalog, '2.1.2', ['2.1-q2', '2.1.2-p1', '2.1.2-p2', '2.1-q1'])?.id).toBe('2.1.1-p1');
  });

  it('run out rather than repeat', () => {
    const all = catalog.challenge('2.7')?.questions.map((q) => q.id) ?? [];
    expect(all).toHaveLength(8);
    expect(anotherQuestion(catalog, '2.7', all)).toBeUndefined();
  });
});
