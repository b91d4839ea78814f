/**
 * Builds the camelCase `Agenda` model from a document that passed validation.
 * Only `validate.ts` calls this: it assumes every cross-reference has been checked.
 */
import type { Agenda, Category, Challenge, Question } from './model.js';
import type { CategoryDoc, ChallengeDoc, DocumentDoc, QuestionDoc } from './schema.js';

/** An entry with its place in the file, for problem paths. */
export interface Indexed<T> {
  readonly doc: T;
  readonly index: number;
}

export function buildAgenda(
  doc: DocumentDoc,
  categoryDocs: readonly CategoryDoc[],
  challengeDocs: readonly { doc: ChallengeDoc; questions: readonly Indexed<QuestionDoc>[] }[],
): Agenda {
  const categories: Category[] = categoryDocs.map((c) => ({
    id: c.id,
    section: c.section,
    title: c.title,
    paperTitle: c.paper_title,
    summary: c.summary,
    challengeIds: [...c.challenges],
  }));
  const challenges: Challenge[] = challengeDocs.map(({ doc: c, questions: questionDocs }) => {
    const order = new Map(c.subsections.map((s, i) => [s.section, i]));
    const questions: Question[] = questionDocs
      .map(({ doc: q }) => ({
        id: q.id,
        challengeId: c.id,
        section: q.section,
        origin: q.origin,
        text: q.text,
        keywords: [...q.keywords],
        ...(q.kind !== undefined ? { kind: q.kind } : {}),
      }))
      // Agenda order: subsection by subsection; within one, as written (sort is stable).
      .sort((a, b) => (order.get(a.section) ?? 0) - (order.get(b.section) ?? 0));
    return {
      id: c.id,
      categoryId: c.category,
      slug: c.slug,
      title: c.title,
      paperTitle: c.paper_title,
      summary: c.summary,
      keywords: [...c.keywords],
      subsections: c.subsections.map((s) => ({ section: s.section, challengeId: c.id, title: s.title })),
      questions,
    };
  });
  const { source } = doc;
  return {
    id: doc.id,
    title: doc.title,
    shortTitle: doc.short_title,
    source: {
      authors: source.authors,
      year: source.year,
      url: source.url,
      license: source.license,
      ...(source.venue !== undefined ? { venue: source.venue } : {}),
      ...(source.site !== undefined ? { site: source.site } : {}),
    },
    links: { challenge: doc.links.challenge, subsection: doc.links.subsection },
    categories,
    challenges,
  };
}
