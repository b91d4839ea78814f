/**
 * The discussion questions of a session: the paper's questions first, then our
 * prompts. A subsection session starts with that subsection's own questions and
 * falls back to the rest of its challenge. Every question shown says where it is from.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Question } from '../../agenda/model.js';
import type { ListItem } from '../../message.js';

export const FIRST_QUESTIONS = 4;

/** The challenge a unit belongs to: `3.5` for `3.5` and for `3.5.2`. */
export function challengeIdOf(unitId: string): string {
  return unitId.split('.').slice(0, 2).join('.');
}

/** All candidate questions of a unit, best first. */
export function candidates(catalog: AgendaCatalog, unitId: string): Question[] {
  const challenge = catalog.challenge(challengeIdOf(unitId));
  if (!challenge) return [];
  const paperFirst = (qs: readonly Question[]) => [
    ...qs.filter((q) => q.origin === 'paper'),
    ...qs.filter((q) => q.origin === 'prompt'),
  ];
  if (unitId === challenge.id) return paperFirst(challenge.questions);
  const own = challenge.questions.filter((q) => q.section === unitId);
  return [...paperFirst(own), ...paperFirst(challenge.questions.filter((q) => q.section !== unitId))];
}

/** The first questions of a session: up to four, of which the unit's own come first. */
export function firstQuestions(catalog: AgendaCatalog, unitId: string): Question[] {
  return candidates(catalog, unitId).slice(0, FIRST_QUESTIONS);
}

/** One more question not shown yet, or undefined when all have been. */
export function anotherQuestion(
  catalog: AgendaCatalog,
  unitId: string,
  shown: readonly string[],
): Question | undefined {
  return candidates(catalog, unitId).find((q) => !shown.includes(q.id));
}

/** How a question's origin is said, plainly, in every reply that shows it. */
export function originLabel(question: Question): string {
  return question.origin === 'paper'
    ? `From the paper, §${question.section}`
    : `Discussion prompt (ours), on §${question.section}`;
}

export function questionItem(question: Question): ListItem {
  return {
    id: question.id,
    text: [question.text, ' — ', { text: originLabel(question), italic: true }],
    origin: question.origin,
    originInText: true,
  };
}
