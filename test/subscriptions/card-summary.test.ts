import { describe, expect, it } from 'vitest';
import { digestCard } from '../../src/core/features/weekly-question/card.js';
import { makeServices } from '../helpers/services.js';

const { services } = await makeServices({});
const catalog = services.agenda();
const question = (id: string) => {
  const found = catalog.question(id);
  if (!found) throw new Error(`no question ${id} in the agenda`);
  return found;
};

describe('the weekly card summary', () => {
  it('carries the question, its origin, its challenge and the paper link', () => {
    const card = digestCard(catalog, [{ question: question('3.5.2-p1'), interested: 0 }], {
      round: 1,
      newRound: false,
    });
    expect(card.summary).toBe(
      'Research question of the week: 3.5.2-p1 (Discussion prompt (ours), on §3.5.2; challenge 3.5 Jailbreaks and prompt injection undermine LLM security): Can gradient-based discrete optimization such as GCG be made cheap and reliable enough to serve as a standard worst-case test, and how well do continuous embedding-space attacks work as a proxy? Read: https://arxiv.org/pdf/2404.09932v2#subsubsection.3.5.2',
    );
  });

  it('says when a question is from the paper', () => {
    const card = digestCard(catalog, [{ question: question('2.1-q1'), interested: 0 }], { round: 1, newRound: false });
    expect(
      card.summary.startsWith('Research question of the week: 2.1-q1 (From the paper, §2.1.1; challenge 2.1 '),
    ).toBe(true);
  });

  it('stays within 1,500 characters by leaving out whole questions', () => {
    const ids = [
      '2.1-q1',
      '2.1-q2',
      '2.1.1-p1',
      '2.1.1-p2',
      '2.1.2-p1',
      '2.1.2-p2',
      '2.1.3-p1',
      '2.1.3-p2',
      '2.1.4-p1',
      '2.1.4-p2',
    ];
    const card = digestCard(
      catalog,
      ids.map((id) => ({ question: question(id), interested: 0 })),
      { round: 1, newRound: false },
    );
    expect(card.summary.length).toBeLessThanOrEqual(1500);
    expect(card.summary).toMatch(/\n…and \d+ more Read: /u);
  });
});
