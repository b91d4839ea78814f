/**
 * The weekly post: each question with its challenge, category and origin said plainly,
 * a link into the paper, how many are interested, and the buttons. Also the thread's
 * opening message. Question text is agenda data and stays plain spans (renderers escape).
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Question } from '../../agenda/model.js';
import type { Block, Button, Reply, Span } from '../../message.js';
import { plainSummary } from '../../plain-summary.js';
import { headOf } from '../../text/cut.js';
import { relatedButton } from '../../agenda/related.js';

export const INTERESTED_ACTION = 'digest.interested';
export const ANOTHER_ACTION = 'digest.another';

/** "From the paper, §3.5.2" or "Discussion prompt (ours), on §3.5.2": never ambiguous. */
export function originLabel(question: Question): string {
  return question.origin === 'paper'
    ? `From the paper, §${question.section}`
    : `Discussion prompt (ours), on §${question.section}`;
}

export interface CardQuestion {
  readonly question: Question;
  readonly interested: number;
}

export interface CardOptions {
  readonly round: number;
  readonly newRound: boolean;
  /** Set on posted cards (buttons route back with it); absent on previews. */
  readonly deliveryKey?: string;
  readonly subscriptionId?: number;
  readonly heading?: string;
  readonly visibility?: Reply['visibility'];
}

export function questionBlocks(catalog: AgendaCatalog, question: Question, interested?: number): Block[] {
  const challenge = catalog.challenge(question.challengeId);
  const category = challenge ? catalog.category(challenge.categoryId) : undefined;
  const subsection = catalog.subsection(question.section);
  const fields: { label: string; value: Span[] }[] = [
    { label: 'Challenge', value: [challenge ? `${challenge.id} ${challenge.title}` : question.challengeId] },
    { label: 'Category', value: [category ? `${category.section} ${category.title}` : 'unknown'] },
    { label: 'Origin', value: [originLabel(question)] },
  ];
  if (interested !== undefined) fields.push({ label: 'Interested', value: [String(interested)] });
  return [
    { kind: 'list', items: [{ id: question.id, text: [question.text], origin: question.origin }] },
    { kind: 'fields', fields },
    {
      kind: 'links',
      links: [
        {
          text: `Read §${question.section}${subsection ? ` ${subsection.title}` : ''} in the paper`,
          url: catalog.link(question.section),
        },
      ],
    },
  ];
}

export function digestCard(catalog: AgendaCatalog, questions: readonly CardQuestion[], options: CardOptions): Reply {
  const plural = questions.length > 1;
  const heading = options.heading ?? (plural ? 'Research questions of the week' : 'Research question of the week');
  const blocks: Block[] = [{ kind: 'heading', text: heading }];
  if (options.newRound) {
    blocks.push({
      kind: 'context',
      spans: [
        `A new round starts (round ${options.round}): every eligible question has been posted once, so they come around again.`,
      ],
    });
  }
  for (const [i, { question, interested }] of questions.entries()) {
    if (i > 0) blocks.push({ kind: 'divider' });
    blocks.push(...questionBlocks(catalog, question, options.deliveryKey ? interested : undefined));
  }
  if (options.deliveryKey !== undefined && options.subscriptionId !== undefined) {
    const buttons: Button[] = questions.map(({ question }) => ({
      action: INTERESTED_ACTION,
      value: `${options.deliveryKey}|${question.id}`,
      label: plural ? `Interested in ${question.id}` : 'Interested',
      style: 'primary',
    }));
    buttons.push({ action: ANOTHER_ACTION, value: String(options.subscriptionId), label: 'Another question' });
    const relatedLabel = (id: string): string => (plural ? `Related to ${id}` : 'Related');
    buttons.push(...questions.map(({ question }) => relatedButton(question.id, relatedLabel(question.id))));
    blocks.push({ kind: 'buttons', buttons });
  }
  const source = catalog.agenda.source;
  blocks.push({
    kind: 'context',
    spans: [`From the research agenda ${source.authors} ${source.year} (${source.license}).`],
  });
  // Kept within the summary limit by whole questions: several long ones would pass Discord's 2,000.
  const summary = plainSummary([
    { label: `${heading}: `, items: questions.map(({ question }) => questionLine(catalog, question)), separator: '\n' },
    `Read: ${questions.map(({ question }) => catalog.link(question.section)).join(' ')}`,
  ]);
  return { visibility: options.visibility ?? 'channel', summary, blocks };
}

/** `3.5.2-p1 (Discussion prompt (ours), on §3.5.2; challenge 3.5 Jailbreaks…): text` */
function questionLine(catalog: AgendaCatalog, question: Question): string {
  const challenge = catalog.challenge(question.challengeId);
  return `${question.id} (${originLabel(question)}${challenge ? `; challenge ${challenge.id} ${challenge.title}` : ''}): ${question.text}`;
}

/** The thread's name (platforms cap it at 100 characters) and its first message. */
export function threadPlan(
  catalog: AgendaCatalog,
  questions: readonly Question[],
  week: string,
): { name: string; reply: Reply } {
  const first = questions[0];
  const challenge = first ? catalog.challenge(first.challengeId) : undefined;
  const name = headOf(`${week} · ${first?.id ?? 'question'} ${challenge?.title ?? ''}`.trim(), 100);
  const text = questions.length > 1 ? 'these questions' : 'this question';
  const spans: string[] = [
    `Discuss ${text} here. What would a first experiment, a counterexample or a related paper be? `,
    'Replies stay in this thread so the channel stays quiet.',
  ];
  return { name, reply: { visibility: 'channel', summary: spans.join(''), blocks: [{ kind: 'text', spans }] } };
}
