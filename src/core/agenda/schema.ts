/**
 * The shape of an agenda file (snake_case JSON) as zod schemas: the source of the JSON
 * Schema in `data/` (`file-schema.ts`). The running bot checks the same shape with
 * `shape.ts`, which must give the same outcome (a test compares them); zod is not loaded
 * at start-up. Only the shape lives here; the rules that relate parts to each other (ids,
 * sections, categories) are in `validate.ts`. zod's issues are turned into our own
 * sentences, each naming the JSON path, because agenda authors read them.
 */
import { z } from 'zod';
import { article, describeValue, jsonPath, type AgendaProblem } from './shape.js';

export { describeValue, jsonPath, type AgendaProblem } from './shape.js';

const text = z.string().trim().min(1);
const words = z.array(text);

/** Fields other than these (provenance, confidence, notes) are kept in the file but ignored. */
export const questionSchema = z.looseObject({
  id: text,
  section: text,
  origin: z.enum(['paper', 'prompt']),
  text,
  keywords: words.default([]),
  kind: text.optional(),
});

export const subsectionSchema = z.looseObject({ section: text, title: text });

export const challengeSchema = z.looseObject({
  id: text,
  category: text,
  slug: text,
  title: text,
  paper_title: text,
  summary: text,
  keywords: words.default([]),
  subsections: z.array(subsectionSchema).min(1),
  /** Checked one by one (see `validate.ts`), so one bad question does not hide the rest of its challenge. */
  questions: z.array(z.unknown()),
});

export const categorySchema = z.looseObject({
  id: text,
  section: text,
  title: text,
  paper_title: text,
  summary: text,
  challenges: z.array(text).min(1),
});

/** The document without its categories and challenges, which are checked one by one. */
export const documentSchema = z.looseObject({
  id: text,
  title: text,
  short_title: text,
  source: z.looseObject({
    authors: text,
    year: z.number().int(),
    url: text,
    license: text,
    venue: text.optional(),
    site: text.optional(),
  }),
  links: z.looseObject({ challenge: text, subsection: text }),
  categories: z.array(z.unknown()).min(1),
  challenges: z.array(z.unknown()).min(1),
});

export type QuestionDoc = z.infer<typeof questionSchema>;
export type ChallengeDoc = z.infer<typeof challengeSchema>;
export type CategoryDoc = z.infer<typeof categorySchema>;
export type DocumentDoc = z.infer<typeof documentSchema>;

/** Checks `value` against `schema`; problems get paths under `prefix`. */
export function checkShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
  prefix: readonly PropertyKey[],
): { ok: true; value: T } | { ok: false; problems: AgendaProblem[] } {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: jsonPath([...prefix, ...issue.path]),
      message: describeIssue(issue),
    })),
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is missing (expected ${article(issue.expected)})`;
      return `must be ${article(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)} entry`;
      return `must be at least ${String(issue.minimum)}`;
    case 'invalid_value':
      return `${describeValue(issue.input)} is not accepted; use ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return `is not valid (${issue.code})`;
  }
}
