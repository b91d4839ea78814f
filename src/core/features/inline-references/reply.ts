/**
 * The compact reply to a message that references agenda entries: one line per entry
 * (at most three), each question with its origin, and a link into the paper.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import { spansToPlain, type Block, type ListItem, type Reply } from '../../message.js';
import { plainSummary } from '../../plain-summary.js';

export const MAX_ITEMS = 3;
/** Question texts are cut here: the reply is a pointer, not the card. */
const TEXT_MAX = 160;

/** The referenced entries that exist, in the order written. Unknown ids are left out silently. */
export function knownItems(catalog: AgendaCatalog, ids: readonly string[]): ListItem[] {
  return ids.flatMap((id) => {
    const item = itemOf(catalog, id);
    return item ? [item] : [];
  });
}

function itemOf(catalog: AgendaCatalog, id: string): ListItem | undefined {
  const question = catalog.question(id);
  if (question) {
    const origin = question.origin === 'paper' ? `from the paper, §${question.section}` : 'a discussion prompt (ours)';
    return { id, text: [cut(question.text), ` — ${origin}`], origin: question.origin, originInText: true };
  }
  const subsection = catalog.subsection(id);
  if (subsection) return { id, text: [`Subsection: ${subsection.title} (challenge ${subsection.challengeId})`] };
  const challenge = catalog.challenge(id);
  if (challenge) return { id, text: [`Challenge: ${challenge.title}`] };
  return undefined;
}

/** The reply for known items; `more` counts the known ones beyond the first three. */
export function referencesReply(catalog: AgendaCatalog, items: readonly ListItem[]): Reply {
  const shown = items.slice(0, MAX_ITEMS);
  const more = items.length - shown.length;
  const hint = `See more with /agenda question, /agenda challenge or /agenda related.`;
  const left = more > 0 ? { more: `${more} more not shown (at most ${MAX_ITEMS} per message)` } : {};
  const link = (id: string) => ({ text: `§${sectionOf(id)} in the paper`, url: catalog.link(sectionOf(id)) });
  const blocks: Block[] = [
    { kind: 'list', items: shown, ...left },
    { kind: 'links', links: shown.map((item) => link(item.id)) },
    { kind: 'context', spans: [hint] },
  ];
  const summary = plainSummary([
    { label: '', items: shown.map((item) => `${item.id}: ${spansToPlain(item.text)}`), separator: '\n' },
    ...(more > 0 ? [`(${more} more not shown.)`] : []),
  ]);
  return { visibility: 'channel', summary, blocks };
}

/** `2.1-q1` → `2.1`; `3.5.2-p1` → `3.5.2`: where the paper discusses it. */
function sectionOf(id: string): string {
  return id.split('-')[0] ?? id;
}

function cut(text: string): string {
  if (text.length <= TEXT_MAX) return text;
  const head = text.slice(0, TEXT_MAX - 1);
  const space = head.lastIndexOf(' ');
  return `${space > TEXT_MAX / 2 ? head.slice(0, space) : head}…`;
}
