/**
 * Suggestions while a user types an agenda option (Discord autocomplete; any adapter
 * may use it). Ids that start with the typed text come first, then entries whose
 * names contain every typed word. Names and values fit Discord's 100-character limit.
 */
import type { CompletionSource } from '../commands/spec.js';
import { normalize } from '../text/similarity.js';
import type { AgendaCatalog } from './catalog.js';

export interface Completion {
  /** Shown in the list, e.g. `3.5 Jailbreaks and prompt injection …`. */
  readonly name: string;
  /** Sent back as the option value, e.g. `3.5`. */
  readonly value: string;
}

/** Discord shows at most 25 choices. */
export const MAX_COMPLETIONS = 25;

interface Candidate {
  readonly id: string;
  readonly label: string;
  /** Text the typed words are looked for in. */
  readonly haystack: string;
}

/** Suggestions for the agenda sources; other sources (subscriptions, groups) belong to their features. */
export function completeAgenda(catalog: AgendaCatalog, source: CompletionSource, typed: string): Completion[] {
  const candidates = candidatesFor(catalog, source);
  const typedId = typed.slice(0, 100).trim().toLowerCase().replace(/^§\s*/u, '');
  const words = normalize(typed.slice(0, 100)).split(' ').filter((w) => w !== '');
  const byId = candidates.filter((c) => c.id.startsWith(typedId));
  const byWords = words.length === 0 ? [] : candidates.filter((c) => !byId.includes(c) && words.every((w) => c.haystack.includes(w)));
  return [...byId, ...byWords].slice(0, MAX_COMPLETIONS).map((c) => ({ name: fit(`${c.id} ${c.label}`), value: c.id }));
}

function candidatesFor(catalog: AgendaCatalog, source: CompletionSource): Candidate[] {
  const { agenda } = catalog;
  const categories = agenda.categories.map((c) => ({
    id: c.section,
    label: c.title,
    haystack: normalize(`${c.id} ${c.title} ${c.paperTitle}`),
  }));
  const challenges = agenda.challenges.map((c) => ({
    id: c.id,
    label: c.title,
    haystack: normalize(`${c.slug} ${c.title} ${c.paperTitle} ${c.keywords.join(' ')}`),
  }));
  switch (source) {
    case 'category':
      return categories;
    case 'challenge':
      return challenges;
    case 'scope':
      return [...categories, ...challenges];
    case 'question':
      return catalog.questions().map((q) => ({
        id: q.id,
        label: `${q.origin === 'paper' ? '(paper) ' : '(prompt) '}${q.text}`,
        haystack: normalize(`${q.text} ${q.keywords.join(' ')}`),
      }));
    default:
      return [];
  }
}

function fit(text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`;
}
