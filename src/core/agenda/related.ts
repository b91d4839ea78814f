/**
 * Related questions: the questions nearest to an agenda entry, found by the search
 * index from the entry's own words (its keywords, title and text), other challenges
 * first. The words go through the same query builder as anything a user types, so
 * agenda text is never read as FTS5 syntax either.
 */
import type { AgendaCatalog } from './catalog.js';
import type { Question } from './model.js';
import type { AgendaSearch } from './search.js';
import type { Button } from '../message.js';

/** The button that shows an entry's related questions (the lookups feature answers it). */
export const RELATED_ACTION = 'related';

/** Any card showing an agenda entry may carry it; read-only, so a forged value does no harm. */
export function relatedButton(id: string, label = 'Related'): Button {
  return { action: RELATED_ACTION, value: id, label };
}

/** The entry related questions are sought for. */
export interface RelatedSource {
  readonly kind: 'question' | 'subsection' | 'challenge';
  readonly id: string;
  readonly challengeId: string;
  /** Keywords first: the query keeps only its first terms, and keywords say most. */
  readonly words: string;
  /** Questions never offered as related to it: itself, or its own questions. */
  readonly excluded: ReadonlySet<string>;
}

export interface RelatedQuestions {
  /** From other challenges, best first. */
  readonly elsewhere: readonly Question[];
  /** From the entry's own challenge, best first (none for a challenge, or when asked for other challenges only). */
  readonly sameChallenge: readonly Question[];
}

/** The entry with this exact id (question, subsection or challenge), or undefined. */
export function relatedSource(catalog: AgendaCatalog, id: string): RelatedSource | undefined {
  const question = catalog.question(id);
  if (question) {
    const words = [...question.keywords, question.text].join(' ');
    return { kind: 'question', id, challengeId: question.challengeId, words, excluded: new Set([id]) };
  }
  const subsection = catalog.subsection(id);
  if (subsection) {
    // A subsection has only a title of its own; its questions' keywords say what it is about.
    const own = catalog.questions().filter((q) => q.section === id);
    const words = [...own.flatMap((q) => q.keywords), subsection.title].join(' ');
    const excluded = new Set(own.map((q) => q.id));
    return { kind: 'subsection', id, challengeId: subsection.challengeId, words, excluded };
  }
  const challenge = catalog.challenge(id);
  if (challenge) {
    const words = [...challenge.keywords, challenge.title, challenge.summary].join(' ');
    return { kind: 'challenge', id, challengeId: id, words, excluded: new Set(challenge.questions.map((q) => q.id)) };
  }
  return undefined;
}

/**
 * Up to `limit` related questions, those of other challenges first. With `elsewhereOnly`
 * (or for a challenge, whose own questions are not "related" to it) the own challenge is
 * left out entirely.
 */
export async function findRelated(
  catalog: AgendaCatalog,
  search: AgendaSearch,
  source: RelatedSource,
  limit: number,
  elsewhereOnly = false,
): Promise<RelatedQuestions> {
  const base = { kind: 'question' as const, anyWord: true };
  const { hits: others } = await search.search(
    source.words,
    { ...base, exceptChallengeIds: [source.challengeId] },
    limit,
  );
  const elsewhere = questionsOf(catalog, others).filter((q) => !source.excluded.has(q.id));
  const room = limit - elsewhere.length;
  if (room <= 0 || elsewhereOnly || source.kind === 'challenge') return { elsewhere, sameChallenge: [] };
  // Ask for enough to fill the room after the entry's own questions are dropped.
  const own = { ...base, challengeIds: [source.challengeId] };
  const { hits } = await search.search(source.words, own, room + source.excluded.size);
  const sameChallenge = questionsOf(catalog, hits)
    .filter((q) => !source.excluded.has(q.id))
    .slice(0, room);
  return { elsewhere, sameChallenge };
}

/** The questions behind search hits; an id the index still has after a reload is skipped. */
function questionsOf(catalog: AgendaCatalog, hits: readonly { readonly id: string }[]): Question[] {
  return hits.flatMap((hit) => catalog.question(hit.id) ?? []);
}
