/**
 * Validates an agenda document (already parsed JSON) and builds the `Agenda` model.
 * Every problem is collected, not just the first, so an author fixes a file in one go.
 * Shared by the loader and the import tool (`npm run agenda -- validate`).
 */
import { buildAgenda, type Indexed } from './build.js';
import type { Agenda } from './model.js';
import type { CategoryDoc, ChallengeDoc, QuestionDoc } from './schema.js';
import {
  categoryShapeCheck,
  challengeShapeCheck,
  documentShapeCheck,
  questionShapeCheck,
  type AgendaProblem,
} from './shape.js';

export type { AgendaProblem } from './shape.js';

export type AgendaValidation =
  { readonly ok: true; readonly agenda: Agenda } | { readonly ok: false; readonly problems: readonly AgendaProblem[] };

const CHALLENGE_ID = /^\d+\.\d+$/u;
const SUBSECTION = /^(\d+\.\d+)\.\d+$/u;
const PAPER_QUESTION = /^(\d+\.\d+)-q\d+$/u;
const PROMPT_QUESTION = /^(\d+\.\d+\.\d+)-p\d+$/u;

/** Checks a parsed agenda document; returns the model or every problem found. */
export function validateAgendaDocument(document: unknown): AgendaValidation {
  const top = documentShapeCheck(document, []);
  const problems: AgendaProblem[] = top.ok ? [] : [...top.problems];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  if (top.ok) {
    const { links } = top.value;
    for (const [key, template] of Object.entries({ challenge: links.challenge, subsection: links.subsection })) {
      if (!template.includes('{section}')) report(`links.${key}`, `"${template}" has no {section} placeholder`);
    }
  }
  // Categories and challenges are checked even when the top level is wrong, so one
  // run reports everything that needs fixing.
  const raw = isRecord(document) ? document : {};
  const rawCategories = Array.isArray(raw['categories']) ? (raw['categories'] as unknown[]) : [];
  const rawChallenges = Array.isArray(raw['challenges']) ? (raw['challenges'] as unknown[]) : [];

  const categories: { doc: CategoryDoc; index: number }[] = [];
  rawCategories.forEach((item, index) => {
    const shaped = categoryShapeCheck(item, ['categories', index]);
    if (shaped.ok) categories.push({ doc: shaped.value, index });
    else problems.push(...shaped.problems);
  });
  const challenges: { doc: ChallengeDoc; questions: Indexed<QuestionDoc>[]; index: number }[] = [];
  rawChallenges.forEach((item, index) => {
    const shaped = challengeShapeCheck(item, ['challenges', index]);
    if (!shaped.ok) return void problems.push(...shaped.problems);
    const questions: Indexed<QuestionDoc>[] = [];
    shaped.value.questions.forEach((question, qi) => {
      const checked = questionShapeCheck(question, ['challenges', index, 'questions', qi]);
      if (checked.ok) questions.push({ doc: checked.value, index: qi });
      else problems.push(...checked.problems);
    });
    challenges.push({ doc: shaped.value, questions, index });
  });

  // Ids of malformed entries still count as existing, so one typo does not cascade
  // into "not the id of any …" problems elsewhere.
  const known = { categories: idsOf(rawCategories), challenges: idsOf(rawChallenges) };
  checkCategories(categories, challenges, known, report);
  for (const challenge of challenges) {
    checkChallenge(challenge.doc, challenge.questions, `challenges[${challenge.index}]`, report);
  }
  checkUniqueness(challenges, report);

  if (!top.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    agenda: buildAgenda(
      top.value,
      categories.map((c) => c.doc),
      challenges,
    ),
  };
}

type Report = (path: string, message: string) => void;

/** Slugs, question ids and subsection numbers must each be unique across the agenda. */
function checkUniqueness(
  challenges: readonly { doc: ChallengeDoc; questions: readonly Indexed<QuestionDoc>[]; index: number }[],
  report: Report,
): void {
  checkUnique(
    challenges.map((c) => ({ key: c.doc.slug, path: `challenges[${c.index}].slug` })),
    'slug',
    report,
  );
  checkUnique(
    challenges.flatMap((c) =>
      c.questions.map((q) => ({ key: q.doc.id, path: `challenges[${c.index}].questions[${q.index}].id` })),
    ),
    'question id',
    report,
  );
  checkUnique(
    challenges.flatMap((c) =>
      c.doc.subsections.map((s, si) => ({ key: s.section, path: `challenges[${c.index}].subsections[${si}].section` })),
    ),
    'subsection',
    report,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idsOf(items: readonly unknown[]): Set<string> {
  return new Set(items.flatMap((item) => (isRecord(item) && typeof item['id'] === 'string' ? [item['id']] : [])));
}

function checkCategories(
  categories: readonly { doc: CategoryDoc; index: number }[],
  challenges: readonly { doc: ChallengeDoc; index: number }[],
  known: { readonly categories: ReadonlySet<string>; readonly challenges: ReadonlySet<string> },
  report: Report,
): void {
  checkUnique(
    categories.map((c) => ({ key: c.doc.id, path: `categories[${c.index}].id` })),
    'category id',
    report,
  );
  checkUnique(
    categories.map((c) => ({ key: c.doc.section, path: `categories[${c.index}].section` })),
    'category section',
    report,
  );
  checkUnique(
    challenges.map((c) => ({ key: c.doc.id, path: `challenges[${c.index}].id` })),
    'challenge id',
    report,
  );

  const challengeById = new Map(challenges.map((c) => [c.doc.id, c.doc]));
  const listedIn = new Map<string, string>();
  for (const { doc: category, index } of categories) {
    if (!/^\d+$/u.test(category.section)) {
      report(
        `categories[${index}].section`,
        `"${category.section}" is not a section number (use a whole number such as "3")`,
      );
    }
    category.challenges.forEach((id, ci) => {
      const path = `categories[${index}].challenges[${ci}]`;
      listedIn.set(id, category.id);
      const challenge = challengeById.get(id);
      if (!challenge) {
        if (!known.challenges.has(id)) report(path, `"${id}" is not the id of any challenge`);
        return;
      }
      if (challenge.category !== category.id && known.categories.has(challenge.category)) {
        report(path, `challenge ${id} says its category is "${challenge.category}", not "${category.id}"`);
      }
      if (!id.startsWith(`${category.section}.`)) {
        report(path, `challenge ${id} is not numbered under section ${category.section}`);
      }
    });
  }
  const categoryIds = new Set(categories.map((c) => c.doc.id));
  for (const { doc: challenge, index } of challenges) {
    if (!categoryIds.has(challenge.category)) {
      if (known.categories.has(challenge.category)) continue;
      report(`challenges[${index}].category`, `"${challenge.category}" is not the id of any category`);
    } else if (!listedIn.has(challenge.id)) {
      report(`challenges[${index}]`, `challenge ${challenge.id} is not listed in its category "${challenge.category}"`);
    }
  }
}

function checkChallenge(
  challenge: ChallengeDoc,
  questions: readonly Indexed<QuestionDoc>[],
  path: string,
  report: Report,
): void {
  if (!CHALLENGE_ID.test(challenge.id)) {
    report(`${path}.id`, `"${challenge.id}" is not a challenge id (use section numbers such as "3.5")`);
  }
  const sections = new Set<string>();
  challenge.subsections.forEach((subsection, si) => {
    sections.add(subsection.section);
    const parent = SUBSECTION.exec(subsection.section)?.[1];
    if (parent === undefined) {
      report(
        `${path}.subsections[${si}].section`,
        `"${subsection.section}" is not a subsection number (use e.g. "${challenge.id}.1")`,
      );
    } else if (parent !== challenge.id) {
      report(
        `${path}.subsections[${si}].section`,
        `"${subsection.section}" is not a subsection of challenge ${challenge.id}`,
      );
    }
  });
  for (const { doc: question, index } of questions) {
    const at = `${path}.questions[${index}]`;
    if (!sections.has(question.section)) {
      report(`${at}.section`, `"${question.section}" is not a subsection of challenge ${challenge.id}`);
    }
    if (question.origin === 'paper') {
      const owner = PAPER_QUESTION.exec(question.id)?.[1];
      if (owner !== challenge.id) {
        report(
          `${at}.id`,
          `"${question.id}" is not a paper question id of challenge ${challenge.id} (use "${challenge.id}-q<n>")`,
        );
      }
    } else {
      const owner = PROMPT_QUESTION.exec(question.id)?.[1];
      if (owner !== question.section) {
        report(
          `${at}.id`,
          `"${question.id}" is not a prompt id of subsection ${question.section} (use "${question.section}-p<n>")`,
        );
      }
    }
  }
}

function checkUnique(entries: readonly { key: string; path: string }[], what: string, report: Report): void {
  const first = new Map<string, string>();
  for (const { key, path } of entries) {
    const earlier = first.get(key);
    if (earlier !== undefined) report(path, `${what} "${key}" is used twice (first at ${earlier})`);
    else first.set(key, path);
  }
}
