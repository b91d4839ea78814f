/**
 * The plain-text summaries of the lookup replies. A summary is all that readers who
 * hide embeds, notifications and screen readers get, so each one carries the answer
 * (ids, titles, question ids by origin), not just a heading. Kept within
 * `SUMMARY_MAX` by `plainSummary`, which shortens lists between items.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Category, Challenge, Question, Subsection } from '../../agenda/model.js';
import { firstSentence, plainSummary, type SummaryPart } from '../../plain-summary.js';
import { challengeLine, clip, originStatement, originTag } from './format.js';

/** `§3 Title. <first sentence> Challenges: 3.1 title; 3.2 title; ….` */
export function categorySummary(catalog: AgendaCatalog, category: Category): string {
  const challenges = category.challengeIds.flatMap((id) => catalog.challenge(id) ?? []);
  return plainSummary([
    `§${category.section} ${category.title}.`,
    firstSentence(category.summary),
    { label: 'Challenges: ', items: challenges.map(challengeLine), end: '.' },
  ]);
}

/** Id, title, one sentence, the subsections, and the question ids grouped by origin. */
export function challengeSummary(challenge: Challenge): string {
  return plainSummary([
    `${challengeLine(challenge)}.`,
    firstSentence(challenge.summary),
    { label: 'Subsections: ', items: challenge.subsections.map((s) => `${s.section} ${s.title}`), end: '.' },
    ...questionIdParts(challenge.questions),
  ]);
}

/** The subsection, its challenge, and each of its questions with its origin. */
export function subsectionSummary(
  subsection: Subsection,
  challenge: Challenge | undefined,
  questions: readonly Question[],
): string {
  return plainSummary(
    [
      `§${subsection.section} ${subsection.title}.`,
      ...(challenge ? [`Part of challenge ${challengeLine(challenge)}.`] : []),
      questions.length === 0 ? 'No questions for this subsection yet.' : '',
      {
        label: 'Questions: ',
        items: questions.map((q) => `${q.id} — ${originTag(q)}: ${clip(q.text, 200)}`),
        separator: ' ',
      },
    ].filter((p) => p !== ''),
  );
}

/** The question in full, with where it comes from said plainly. */
export function questionSummary(question: Question): string {
  return plainSummary([`${question.id}: ${question.text} (${originStatement(question)})`]);
}

/** `From the paper (2): 3.5-q1, 3.5-q2. Discussion prompts, ours (14): 3.5.1-p1, ….` */
export function questionIdParts(questions: readonly Question[]): SummaryPart[] {
  const paper = questions.filter((q) => q.origin === 'paper').map((q) => q.id);
  const prompts = questions.filter((q) => q.origin === 'prompt').map((q) => q.id);
  return [
    ...(paper.length === 0 ? ['No questions from the paper yet.'] : []),
    { label: `From the paper (${paper.length}): `, items: paper, separator: ', ', end: '.' },
    { label: `Discussion prompts, ours (${prompts.length}): `, items: prompts, separator: ', ', end: '.' },
  ];
}
