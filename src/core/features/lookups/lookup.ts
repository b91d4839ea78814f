/**
 * Turns what a user typed into an agenda entry, or a UserError that says what was
 * wrong, what is close, and what forms are accepted.
 */
import type { AgendaCatalog, ChallengeMatch, Scope } from '../../agenda/catalog.js';
import type { Category, Question } from '../../agenda/model.js';
import { UserError } from '../../errors.js';
import { challengeLine, challengeRanges, echo, idRange, inWords } from './format.js';

const QUESTION_ID = /^(\d+\.\d+(?:\.\d+)?)\s*-?\s*([qp])\s*(\d+)$/iu;

/** Accepts `3.5.2-p1`, `3.5.2 p1`, `3.5.2P1` and `§3.5.2-p1`. */
export function normalizeQuestionId(text: string): string | undefined {
  const match = QUESTION_ID.exec(text.trim().replace(/^§\s*/u, ''));
  if (!match) return undefined;
  return `${match[1] ?? ''}-${(match[2] ?? '').toLowerCase()}${Number(match[3])}`;
}

export function requireQuestion(catalog: AgendaCatalog, text: string): Question {
  const id = normalizeQuestionId(text);
  const found = id ? catalog.question(id) : undefined;
  if (found) return found;
  if (!id) throw new UserError('bad-question-id', notAQuestionId(catalog, text.trim()));
  throw new UserError('unknown-question', `No question ${echo(id)}. ${whyNoQuestion(catalog, id)}`);
}

function notAQuestionId(catalog: AgendaCatalog, text: string): string {
  const forms =
    'Question ids look like `2.1-q1` (a question from the paper) or `3.5.2-p1` (a discussion prompt of ours).';
  const subsection = catalog.subsection(text.replace(/^§\s*/u, ''));
  if (subsection) {
    const ids = catalog
      .questions()
      .filter((q) => q.section === subsection.section)
      .map((q) => q.id);
    return `\`${subsection.section}\` is a subsection, not a question. Its questions: ${inWords(ids)}.`;
  }
  const challenge = catalog.challenge(text.replace(/^§\s*/u, ''));
  if (challenge)
    return `\`${challenge.id}\` is a challenge, not a question. ${forms} See them all with \`/agenda challenge ${challenge.id}\`.`;
  return `\`${echo(text)}\` is not a question id. ${forms} Find one with \`/agenda search <words>\`.`;
}

function whyNoQuestion(catalog: AgendaCatalog, id: string): string {
  const [section = '', suffix = ''] = id.split('-');
  const challengeId = /^\d+\.\d+/u.exec(section)?.[0] ?? section;
  const challenge = catalog.challenge(challengeId);
  if (!challenge) return `Challenge ${challengeId} does not exist; challenges are ${challengeRanges(catalog)}.`;
  const subsectionIds = challenge.subsections.map((s) => s.section);
  if (suffix.startsWith('q')) {
    if (section !== challenge.id) {
      return `Questions from the paper are numbered per challenge, e.g. \`${challenge.id}-q1\`; prompts per subsection, e.g. \`${subsectionIds[0] ?? ''}-p1\`.`;
    }
    const paper = challenge.questions.filter((q) => q.origin === 'paper').map((q) => q.id);
    return paper.length > 0
      ? `Challenge ${challenge.id} has ${paper.length === 1 ? 'one question' : 'questions'} from the paper: ${inWords(paper)}.`
      : `No questions from the paper are loaded for challenge ${challenge.id} yet; it has discussion prompts ${idRange(challenge.questions.map((q) => q.id))}.`;
  }
  if (!catalog.subsection(section)) {
    const where =
      section === challenge.id
        ? `Prompts are numbered per subsection (e.g. \`${subsectionIds[0] ?? ''}-p1\`);`
        : `Subsection ${section} does not exist;`;
    return `${where} challenge ${challenge.id} has subsections ${idRange(subsectionIds)}.`;
  }
  const here = challenge.questions.filter((q) => q.section === section).map((q) => q.id);
  return here.length > 0
    ? `Subsection ${section} has ${inWords(here)}.`
    : `Subsection ${section} has no questions yet.`;
}

/** The challenge a user means, or a "did you mean" error. Categories typed here get a pointer to `category`. */
export function requireChallenge(catalog: AgendaCatalog, text: string): Extract<ChallengeMatch, { kind: 'found' }> {
  const match = catalog.resolveChallenge(text);
  if (match.kind === 'found') return match;
  const scope = catalog.resolveScope(text);
  if (scope.kind === 'category') {
    throw new UserError(
      'is-a-category',
      `\`${echo(text)}\` is category §${scope.category.section} (${scope.category.title}), which holds challenges ${idRange(scope.category.challengeIds)}. Try \`/agenda category ${scope.category.section}\`.`,
    );
  }
  const near = match.suggestions.map((c) => `${c.id} (${c.title})`);
  const hint = near.length > 0 ? ` Did you mean ${inWords(near, 'or')}?` : '';
  throw new UserError(
    'unknown-challenge',
    `No challenge matches "${echo(text)}".${hint} Use a challenge id (${challengeRanges(catalog)}), a slug such as \`${catalog.agenda.challenges[0]?.slug ?? ''}\`, or words from its title. \`/agenda help\` lists them all.`,
  );
}

export function requireCategory(catalog: AgendaCatalog, text: string): Category {
  const scope = catalog.resolveScope(text);
  if (scope.kind === 'category') return scope.category;
  const categories = catalog.agenda.categories.map((c) => `${c.section} (${c.title})`);
  if (scope.kind === 'challenge') {
    throw new UserError(
      'is-a-challenge',
      `\`${echo(text)}\` is challenge ${challengeLine(scope.challenge)}. Try \`/agenda challenge ${scope.challenge.id}\`, or name a category: ${inWords(categories, 'or')}.`,
    );
  }
  throw new UserError('unknown-category', `No category matches "${echo(text)}". Categories: ${inWords(categories)}.`);
}

/** Resolves an `in:` or scope argument to challenge ids, or explains what is accepted. */
export function requireScope(catalog: AgendaCatalog, text: string, written: string): Scope {
  const scope = catalog.resolveScope(text);
  if (scope.kind !== 'none') return scope;
  const near = scope.suggestions.map((id) => {
    const challenge = catalog.challenge(id);
    return challenge ? `${id} (${challenge.title})` : id;
  });
  const hint = near.length > 0 ? ` Did you mean ${inWords(near, 'or')}?` : '';
  throw new UserError(
    'unknown-scope',
    `${written} matches no challenge or category.${hint} Use a challenge id (${challengeRanges(catalog)}), a category number (${inWords(
      catalog.agenda.categories.map((c) => c.section),
      'or',
    )}) or a name such as "${catalog.agenda.challenges[0]?.keywords[0] ?? catalog.agenda.challenges[0]?.slug ?? ''}".`,
  );
}
