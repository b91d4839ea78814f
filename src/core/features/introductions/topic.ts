/**
 * What people can be introduced over: one question, or one challenge (everyone who marked
 * any of its questions Interested). Subsections and categories are too broad or too
 * indirect to say "you share this", so they get a specific refusal.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Question } from '../../agenda/model.js';
import { UserError } from '../../errors.js';

export interface Topic {
  /** The id as the agenda writes it: the ledger's topic. */
  readonly id: string;
  /** `question 3.5-q1` or `challenge 3.5`, for replies. */
  readonly label: string;
  /** What the introduction shows as the shared interest. */
  readonly text: string;
  readonly question?: Question;
  /** The questions whose Interested marks count. */
  readonly questionIds: readonly string[];
}

export function resolveTopic(catalog: AgendaCatalog, raw: string): Topic {
  const id = raw.trim().toLowerCase();
  const question = catalog.question(id);
  if (question)
    return {
      id: question.id,
      label: `question ${question.id}`,
      text: question.text,
      question,
      questionIds: [question.id],
    };
  const challenge = catalog.challenge(id);
  if (challenge) {
    const questionIds = catalog
      .questions()
      .filter((q) => q.challengeId === challenge.id)
      .map((q) => q.id);
    return { id: challenge.id, label: `challenge ${challenge.id}`, text: challenge.title, questionIds };
  }
  if (catalog.subsection(id)) {
    throw new UserError(
      'topic-is-subsection',
      `${id} is a subsection; introductions are for one question or one challenge. ` +
        `Try \`/agenda introduce ${id.split('.').slice(0, 2).join('.')}\`, or \`/agenda introduce\` to list yours.`,
    );
  }
  throw new UserError(
    'unknown-topic',
    `There is no question or challenge "${raw.trim()}" in this agenda. Give an id such as 3.5 or 3.5-q1; ` +
      '`/agenda introduce` lists the questions you marked Interested.',
  );
}
