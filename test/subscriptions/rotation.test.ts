import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/agenda/model.js';
import type { PostedQuestion } from '../../src/core/features/weekly-question/model.js';
import {
  balancedOrder,
  eligibleQuestions,
  pickNext,
  type RotationState,
} from '../../src/core/features/weekly-question/rotation.js';
import { miniAgenda, miniCatalog } from '../fixtures/mini-agenda.js';

function q(id: string, challengeId: string): Question {
  return { id, challengeId, section: `${challengeId}.1`, origin: 'prompt', text: `text of ${id}`, keywords: [] };
}

// Three challenges, unevenly sized, in agenda order.
const AGENDA: Question[] = [
  q('a1', 'A'),
  q('a2', 'A'),
  q('a3', 'A'),
  q('a4', 'A'),
  q('b1', 'B'),
  q('b2', 'B'),
  q('c1', 'C'),
];

/** Runs the rotation for `weeks` posts, feeding each pick back as history. */
function run(eligible: () => readonly Question[], state: RotationState, weeks: number, history: PostedQuestion[] = []) {
  let round = state.round;
  const posts: { ids: string[]; newRound: boolean }[] = [];
  for (let week = 0; week < weeks; week++) {
    const pick = pickNext(eligible(), history, { ...state, round });
    round = pick.round;
    pick.questions.forEach((question, position) =>
      history.push({
        deliveryKey: `k${week}`,
        position,
        round: pick.round,
        questionId: question.id,
        challengeId: question.challengeId,
        newRound: pick.newRound,
      }),
    );
    posts.push({ ids: pick.questions.map((x) => x.id), newRound: pick.newRound });
  }
  return { posts, history };
}

describe('rotation', () => {
  it('agenda order walks every question once, then says a new round starts', () => {
    const { posts } = run(() => AGENDA, { round: 1, order: 'agenda', seed: 1, count: 1 }, 9);
    expect(posts.map((p) => p.ids[0])).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'c1', 'a1', 'a2']);
    expect(posts.map((p) => p.newRound)).toEqual([false, false, false, false, false, false, false, true, false]);
  });

  it('count=3 takes three at a time and the last post of a round may be shorter', () => {
    const { posts } = run(() => AGENDA, { round: 1, order: 'agenda', seed: 1, count: 3 }, 4);
    expect(posts.map((p) => p.ids)).toEqual([['a1', 'a2', 'a3'], ['a4', 'b1', 'b2'], ['c1'], ['a1', 'a2', 'a3']]);
  });

  it('shuffled covers every question before a repeat, and never repeats a challenge back to back while others remain', () => {
    for (const seed of [1, 2, 3, 42, 1234567]) {
      const { posts } = run(() => AGENDA, { round: 1, order: 'shuffled', seed, count: 1 }, 14);
      const firstRound = posts.slice(0, 7).map((p) => p.ids[0] ?? '');
      expect([...firstRound].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'c1']);
      const challenges = firstRound.map((id) => id[0]);
      // A has 4 of 7: the only balanced shapes put A at positions 1,3,5,7.
      expect(challenges.filter((_, i) => i % 2 === 0)).toEqual(['a', 'a', 'a', 'a']);
      expect(posts[7]?.newRound).toBe(true);
      const secondRound = posts.slice(7).map((p) => p.ids[0] ?? '');
      expect([...secondRound].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'c1']);
    }
  });

  it('shuffled is a fixed permutation per seed: recomputing week by week equals one full ordering', () => {
    const weekly = run(() => AGENDA, { round: 1, order: 'shuffled', seed: 99, count: 1 }, 7).posts.map((p) => p.ids[0]);
    const whole = balancedOrder(AGENDA, 99, 1, undefined).map((x) => x.id);
    expect(weekly).toEqual(whole);
    const other = balancedOrder(AGENDA, 100, 1, undefined).map((x) => x.id);
    expect(other).not.toEqual(whole);
  });

  it('a balanced order keeps challenges apart when it can', () => {
    const many = [q('x1', 'X'), q('x2', 'X'), q('y1', 'Y'), q('y2', 'Y'), q('z1', 'Z'), q('z2', 'Z')];
    const order = balancedOrder(many, 7, 1, 'X').map((x) => x.challengeId);
    expect(order[0]).not.toBe('X');
    for (let i = 1; i < order.length; i++) expect(order[i]).not.toBe(order[i - 1]);
  });

  it('changing the filter keeps the history: already-posted questions are not repeated this round', () => {
    let eligible: readonly Question[] = AGENDA.filter((x) => x.challengeId === 'A');
    const { posts, history } = run(() => eligible, { round: 1, order: 'agenda', seed: 1, count: 1 }, 2);
    expect(posts.map((p) => p.ids[0])).toEqual(['a1', 'a2']);
    eligible = AGENDA;
    const after = run(() => eligible, { round: 1, order: 'agenda', seed: 1, count: 1 }, 5, history);
    expect(after.posts.map((p) => p.ids[0])).toEqual(['a3', 'a4', 'b1', 'b2', 'c1']);
    expect(after.posts.every((p) => !p.newRound)).toBe(true);
  });

  it('questions that disappear from the agenda are skipped, never a crash', () => {
    let eligible: readonly Question[] = AGENDA;
    const { history } = run(() => eligible, { round: 1, order: 'agenda', seed: 1, count: 1 }, 2);
    eligible = AGENDA.filter((x) => x.id !== 'a3' && x.id !== 'a1');
    const after = run(() => eligible, { round: 1, order: 'agenda', seed: 1, count: 1 }, 4, history);
    expect(after.posts.map((p) => p.ids[0])).toEqual(['a4', 'b1', 'b2', 'c1']);
    expect(pickNext([], history, { round: 1, order: 'agenda', seed: 1, count: 1 }).questions).toEqual([]);
  });
});

describe('eligibleQuestions', () => {
  const ids = (questions: readonly Question[]) => questions.map((question) => question.id);

  it('admits the questions of the scope and origin, and answers the same filter with the same list', () => {
    const catalog = miniCatalog();
    expect(ids(eligibleQuestions(catalog, '3.5', 'any'))).toEqual(['3.5-q1', '3.5.2-p1']);
    expect(ids(eligibleQuestions(catalog, '3.5', 'paper'))).toEqual(['3.5-q1']);
    expect(ids(eligibleQuestions(catalog, undefined, 'prompt'))).toEqual(['2.1.1-p1', '3.5.2-p1', '3.6.1-p1']);
    expect(eligibleQuestions(catalog, '3.5', 'any')).toBe(eligibleQuestions(catalog, '3.5', 'any'));
  });

  it('answers from the reloaded agenda once it is loaded, and from the old one for whoever still holds it', () => {
    const before = miniCatalog();
    expect(ids(eligibleQuestions(before, '3.5', 'any'))).toEqual(['3.5-q1', '3.5.2-p1']);
    const withoutPaperQuestion = {
      ...miniAgenda,
      challenges: miniAgenda.challenges.map((c) => ({ ...c, questions: c.questions.filter((q) => q.id !== '3.5-q1') })),
    };
    const after = miniCatalog(withoutPaperQuestion);
    expect(ids(eligibleQuestions(after, '3.5', 'any'))).toEqual(['3.5.2-p1']);
    expect(ids(eligibleQuestions(before, '3.5', 'any'))).toEqual(['3.5-q1', '3.5.2-p1']);
  });
});
