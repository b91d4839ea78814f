/**
 * The lookup replies: a category, a challenge, a subsection, a question. Commands
 * and the `open` button build the same views, so a pressed id looks like a typed one.
 * Each view carries a Share button (its canonical invocation) and a few `open` buttons
 * for moving around.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Category, Challenge, Question, Subsection } from '../../agenda/model.js';
import type { Block, Button, ListItem, Reply, Span } from '../../message.js';
import { shareButton } from '../../commands/share.js';
import { relatedButton } from '../../agenda/related.js';
import { challengeLine, clip, openButton, originStatement, originTag, questionCounts } from './format.js';
import { categorySummary, challengeSummary, questionSummary, subsectionSummary } from './summaries.js';

/** A question's line in a list: its id, the start of its text, and its origin. */
export function questionItem(question: Question, max = 90): ListItem {
  return {
    id: question.id,
    text: [clip(question.text, max), ` — ${originTag(question)}`],
    origin: question.origin,
    originInText: true,
  };
}

export function categoryView(catalog: AgendaCatalog, category: Category, note: readonly Block[] = []): Reply {
  const challenges = category.challengeIds.flatMap((id) => catalog.challenge(id) ?? []);
  return reply(categorySummary(catalog, category), [
    { kind: 'heading', text: `§${category.section} ${category.title}` },
    ...note,
    { kind: 'context', spans: [`Paper heading: "${category.paperTitle}"`] },
    { kind: 'text', spans: [category.summary] },
    {
      kind: 'list',
      items: challenges.map((c) => ({ id: c.id, text: [c.title, ` (${questionCounts(c.questions)})`] })),
    },
    buttons(
      `category ${category.section}`,
      challenges.slice(0, 3).map((c) => openButton(c.id)),
    ),
  ]);
}

export function challengeView(catalog: AgendaCatalog, challenge: Challenge, note: readonly Block[] = []): Reply {
  const category = catalog.category(challenge.categoryId);
  const neighbours = catalog.agenda.challenges;
  const at = neighbours.findIndex((c) => c.id === challenge.id);
  const next = neighbours[at + 1];
  const first = challenge.subsections[0];
  return reply(challengeSummary(challenge), [
    { kind: 'heading', text: challengeLine(challenge) },
    ...note,
    {
      kind: 'context',
      spans: [
        `Paper heading: "${challenge.paperTitle}"`,
        category ? ` · in §${category.section} ${category.title}` : '',
      ],
    },
    { kind: 'text', spans: [challenge.summary] },
    { kind: 'links', links: [{ text: `§${challenge.id} in the paper (PDF)`, url: catalog.link(challenge.id) }] },
    { kind: 'text', spans: [{ text: 'Subsections', bold: true }] },
    { kind: 'list', items: challenge.subsections.map((s) => ({ id: s.section, text: [s.title] })) },
    { kind: 'text', spans: [{ text: `Questions: ${questionCounts(challenge.questions)}`, bold: true }] },
    { kind: 'list', items: challenge.questions.map((q) => questionItem(q, 70)) },
    buttons(`challenge ${challenge.id}`, [
      ...(first ? [openButton(first.section, `Start with §${first.section}`)] : []),
      ...(next ? [openButton(next.id, `Next challenge (${next.id})`)] : []),
    ]),
  ]);
}

export function subsectionView(catalog: AgendaCatalog, subsection: Subsection): Reply {
  const challenge = catalog.challenge(subsection.challengeId);
  const siblings = challenge?.subsections ?? [];
  const next = siblings[siblings.findIndex((s) => s.section === subsection.section) + 1];
  const questions = (challenge?.questions ?? []).filter((q) => q.section === subsection.section);
  const title = `§${subsection.section} ${subsection.title}`;
  return reply(subsectionSummary(subsection, challenge, questions), [
    { kind: 'heading', text: title },
    { kind: 'context', spans: [challenge ? `Part of challenge ${challengeLine(challenge)}` : ''] },
    {
      kind: 'links',
      links: [{ text: `§${subsection.section} in the paper (PDF)`, url: catalog.link(subsection.section) }],
    },
    questions.length > 0
      ? { kind: 'list', items: questions.map((q) => questionItem(q, 300)) }
      : { kind: 'text', spans: ['No questions for this subsection yet.'] },
    buttons(`challenge ${subsection.section}`, [
      ...questions.slice(0, 2).map((q) => openButton(q.id)),
      ...(next ? [openButton(next.section, `Next: §${next.section}`)] : []),
      openButton(subsection.challengeId, `Back to ${subsection.challengeId}`),
    ]),
  ]);
}

export function questionView(catalog: AgendaCatalog, question: Question, note: readonly Block[] = []): Reply {
  const challenge = catalog.challenge(question.challengeId);
  const subsection = catalog.subsection(question.section);
  const questions = catalog.questions();
  const next = questions[questions.findIndex((q) => q.id === question.id) + 1];
  const where: Span[] = [
    `Challenge ${challenge ? challengeLine(challenge) : question.challengeId}`,
    subsection ? ` · §${subsection.section} ${subsection.title}` : '',
    question.kind ? ` · kind: ${question.kind}` : '',
  ];
  return reply(questionSummary(question), [
    { kind: 'heading', text: `Question ${question.id}` },
    ...note,
    { kind: 'list', items: [{ id: question.id, text: [question.text], origin: question.origin }] },
    { kind: 'text', spans: [{ text: originStatement(question), bold: true }] },
    { kind: 'context', spans: where },
    {
      kind: 'links',
      links: [{ text: `§${question.section} in the paper (PDF)`, url: catalog.link(question.section) }],
    },
    buttons(`question ${question.id}`, [
      openButton(question.section, `§${question.section}`),
      ...(next ? [openButton(next.id, `Next (${next.id})`)] : []),
      relatedButton(question.id),
    ]),
  ]);
}

/** Share first, then at most four `open` buttons: a handful is enough. */
export function buttons(shareInvocation: string, opens: readonly Button[]): Block {
  return { kind: 'buttons', buttons: [shareButton(shareInvocation), ...opens.slice(0, 4)] };
}

function reply(summary: string, blocks: readonly Block[]): Reply {
  return { visibility: 'ephemeral', summary, blocks };
}
