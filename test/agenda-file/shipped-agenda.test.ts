/**
 * The shipped `data/agenda.json`: its structure only (categories, challenges,
 * subsections, well-formed ids, an origin on every question). Its questions change as
 * groups load the paper's own; tests that quote ids, texts or counts read the fixture
 * agenda instead (see test/fixtures/agenda.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadAgenda } from '../../src/core/agenda/load.js';
import { SHIPPED_AGENDA_PATH } from '../fixtures/agenda.js';

const agenda = loadAgenda(SHIPPED_AGENDA_PATH);

describe('the shipped agenda', () => {
  it('has 3 categories, 18 challenges and 107 subsections', () => {
    expect(agenda.categories.map((c) => c.section)).toEqual(['2', '3', '4']);
    expect(agenda.categories.map((c) => c.challengeIds.length)).toEqual([7, 6, 5]);
    expect(agenda.challenges).toHaveLength(18);
    expect(agenda.challenges.reduce((n, c) => n + c.subsections.length, 0)).toBe(107);
  });

  it('has well-formed ids: challenges under their category, subsections under their challenge', () => {
    for (const category of agenda.categories) {
      for (const id of category.challengeIds) expect(id).toMatch(new RegExp(`^${category.section}\\.\\d+$`, 'u'));
    }
    for (const challenge of agenda.challenges) {
      expect(challenge.id).toMatch(/^\d+\.\d+$/u);
      for (const subsection of challenge.subsections) {
        expect(subsection.section.startsWith(`${challenge.id}.`)).toBe(true);
        expect(subsection.section).toMatch(/^\d+\.\d+\.\d+$/u);
      }
    }
  });

  it('gives every question an origin, an id of its kind and a subsection of its challenge', () => {
    for (const challenge of agenda.challenges) {
      const sections = challenge.subsections.map((s) => s.section);
      for (const question of challenge.questions) {
        expect(['paper', 'prompt']).toContain(question.origin);
        expect(question.challengeId).toBe(challenge.id);
        expect(sections).toContain(question.section);
        const prefix = question.origin === 'paper' ? `${challenge.id}-q` : `${question.section}-p`;
        expect(question.id.startsWith(prefix)).toBe(true);
        expect(question.id.slice(prefix.length)).toMatch(/^[1-9]\d*$/u);
      }
    }
  });
});
