/**
 * `/agenda related <question, subsection or challenge id>` and the **Related** button:
 * the nearest questions elsewhere in the agenda, other challenges first, each with its
 * origin. Read-only, so the button's value (an id) may be forged harmlessly.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Question } from '../../agenda/model.js';
import { findRelated, RELATED_ACTION, relatedSource, type RelatedSource } from '../../agenda/related.js';
import type { ActionSpec } from '../../commands/spec.js';
import { defineSubcommand } from '../../commands/spec.js';
import { UserError } from '../../errors.js';
import type { Block, Reply } from '../../message.js';
import { plainSummary } from '../../plain-summary.js';
import type { Services } from '../../services.js';
import { echo, openButton, originTag } from './format.js';
import { normalizeQuestionId, requireQuestion } from './lookup.js';
import { buttons, questionItem } from './views.js';

/** Enough to pick from, few enough to read. */
export const RELATED_SHOWN = 5;

export const relatedSubcommand = defineSubcommand({
  name: 'related',
  shareable: true,
  description: 'The nearest questions elsewhere in the agenda to a question, subsection or challenge',
  examples: ['/agenda related 2.1-q1', '/agenda related 3.5.2', '/agenda related 3.5'],
  options: [
    {
      name: 'id',
      kind: 'string',
      description: 'a question (2.1-q1, 3.5.2-p1), subsection (3.5.2) or challenge (3.5) id',
      required: true,
      syntax: 'rest',
      autocomplete: 'question',
    },
  ],
  run(_ctx, args, services) {
    return relatedReply(services, requireSource(services.agenda(), args.id));
  },
});

export const relatedAction: ActionSpec = {
  action: RELATED_ACTION,
  async run(_ctx, value, services) {
    return { reply: await relatedReply(services, requireSource(services.agenda(), value.slice(0, 40))) };
  },
};

/** The entry an id names, or a reply saying which forms are accepted. */
export function requireSource(catalog: AgendaCatalog, text: string): RelatedSource {
  const id = text.trim().replace(/^§\s*/u, '');
  const questionId = normalizeQuestionId(id);
  if (questionId) return relatedSource(catalog, requireQuestion(catalog, questionId).id) as RelatedSource;
  const source = relatedSource(catalog, id);
  if (source) return source;
  const category = /^\d+$/u.test(id) ? catalog.category(id) : undefined;
  if (category) {
    throw new UserError(
      'related-category',
      `\`${id}\` is a category; related questions are found for a challenge, subsection or question, ` +
        `e.g. \`/agenda related ${category.challengeIds[0] ?? ''}\`.`,
    );
  }
  throw new UserError(
    'related-unknown-id',
    `\`${echo(text)}\` is not a question, subsection or challenge id here. ` +
      'Ids look like `3.5` (challenge), `3.5.2` (subsection), `2.1-q1` or `3.5.2-p1` (questions). ' +
      'Find one with `/agenda search <words>`.',
  );
}

async function relatedReply(services: Services, source: RelatedSource): Promise<Reply> {
  const catalog = services.agenda();
  const { elsewhere, sameChallenge } = await findRelated(catalog, services.search, source, RELATED_SHOWN);
  const what = `${source.kind} ${source.id}`;
  if (elsewhere.length + sameChallenge.length === 0) {
    const text = `No other question in the agenda shares words with ${what}. Try \`/agenda search <words>\`.`;
    return { visibility: 'ephemeral', summary: text, blocks: [{ kind: 'text', spans: [text] }] };
  }
  const blocks: Block[] = [
    { kind: 'heading', text: `Related to ${what}` },
    {
      kind: 'context',
      spans: [`Nearest questions by shared words, other challenges first (not those of ${what} itself).`],
    },
    ...section('From other challenges', elsewhere),
    ...section(`In challenge ${source.challengeId}`, sameChallenge),
    buttons(
      `related ${source.id}`,
      [...elsewhere, ...sameChallenge].slice(0, 3).map((q) => openButton(q.id)),
    ),
  ];
  const line = (q: Question): string => `${q.id} (${originTag(q)}) ${q.text}`;
  const summary = plainSummary([
    `Related to ${what}, other challenges first:`,
    { label: '', items: [...elsewhere, ...sameChallenge].map(line), end: '.' },
  ]);
  return { visibility: 'ephemeral', summary, blocks };
}

function section(label: string, questions: readonly Question[]): Block[] {
  if (questions.length === 0) return [];
  return [
    { kind: 'text', spans: [{ text: label, bold: true }] },
    { kind: 'list', items: questions.map((q) => questionItem(q, 200)) },
  ];
}
