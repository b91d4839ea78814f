/**
 * Small pieces shared by the lookup replies: how origins are said, buttons, lists
 * written out in words, and the attribution line.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Challenge, Question } from '../../agenda/model.js';
import type { Block, Button, Span } from '../../message.js';

/** The full statement of where a question comes from, for the question itself. */
export function originStatement(question: Question): string {
  return question.origin === 'paper'
    ? `From the paper (§${question.section})`
    : `Discussion prompt written for this bot, on §${question.section}`;
}

/** The short marker beside a question id in lists. */
export function originTag(question: Question): string {
  return question.origin === 'paper' ? `From the paper, §${question.section}` : 'Discussion prompt (ours)';
}

export function openButton(id: string, label = `Open ${id}`): Button {
  return { action: 'open', value: id, label };
}

/** `a`, `a and b`, `a, b and c`. */
export function inWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}

/** `3.5.1 to 3.5.7` for a run of ids, or the ids in words when there are two or fewer. */
export function idRange(ids: readonly string[]): string {
  return ids.length <= 2 ? inWords(ids) : `${ids[0] ?? ''} to ${ids.at(-1) ?? ''}`;
}

/** `2.1–2.7, 3.1–3.6 and 4.1–4.5`: every challenge id, category by category. */
export function challengeRanges(catalog: AgendaCatalog): string {
  return inWords(
    catalog.agenda.categories.map((c) => {
      const ids = c.challengeIds;
      return ids.length === 1 ? (ids[0] ?? '') : `${ids[0] ?? ''}–${ids.at(-1) ?? ''}`;
    }),
  );
}

/** `2 questions from the paper, 12 discussion prompts` for a challenge (or any question list). */
export function questionCounts(questions: readonly Question[]): string {
  const paper = questions.filter((q) => q.origin === 'paper').length;
  const prompts = questions.length - paper;
  const parts = [
    paper > 0 ? `${paper} from the paper` : 'none from the paper yet',
    `${prompts} discussion prompt${prompts === 1 ? '' : 's'}`,
  ];
  return parts.join(', ');
}

/** What the user typed, quoted back in a reply: one line, and short even if they pasted a page. */
export function echo(text: string): string {
  return clip(text.replace(/\s+/gu, ' ').trim(), 60);
}

/** Cuts text at a word boundary, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function challengeLine(challenge: Challenge): string {
  return `${challenge.id} ${challenge.title}`;
}

/** Where the agenda comes from, and that the prompts are ours. Shown wherever the agenda is summarised. */
export function attribution(catalog: AgendaCatalog): Block {
  const { agenda } = catalog;
  const spans: Span[] = [
    `Agenda: ${agenda.source.authors} (${agenda.source.year}), `,
    { link: agenda.source.url, text: agenda.title },
    `, ${agenda.source.license}. Titles and summaries here are our paraphrases (paper headings are quoted as such). Questions marked "From the paper" paraphrase the paper's own; discussion prompts are ours, not the paper's.`,
  ];
  return { kind: 'context', spans };
}
