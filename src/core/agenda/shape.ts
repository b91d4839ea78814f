/**
 * The shape check the running bot does on an agenda file, written out by hand: the same
 * rules, problems and values as the zod schemas in `schema.ts` (a test holds the two to it,
 * good and bad documents alike). zod is large to load (about 90 ms and 6 MiB at start-up)
 * and the bot needs nothing else from it, so it stays with the tools that render the JSON
 * Schema (`npm run agenda:schema`) from those schemas. Change both together.
 */
import { shorten } from '../text/cut.js';
import type { CategoryDoc, ChallengeDoc, DocumentDoc, QuestionDoc } from './schema.js';

/** One thing wrong with an agenda file: where (a JSON path) and what. */
export interface AgendaProblem {
  /** e.g. `challenges[3].questions[2].section`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

type Path = readonly PropertyKey[];
/** Checks one value; returns what it becomes (trimmed, defaulted) or `FAILED` after reporting why. */
type Check = (value: unknown, path: Path, problems: AgendaProblem[]) => unknown;

const FAILED = Symbol('failed');

/** `challenges[3].questions[2].section` from `['challenges', 3, 'questions', 2, 'section']`. */
export function jsonPath(parts: readonly PropertyKey[]): string {
  let path = '';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else path += path === '' ? String(part) : `.${String(part)}`;
  }
  return path;
}

/** A short, safe rendering of a bad value for a problem message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(shorten(value, 41));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint' || typeof value === 'symbol') return `${typeof value} ${value.toString()}`;
  return value === undefined ? 'undefined undefined' : typeof value;
}

export function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/u.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function wrongType(expected: string, value: unknown, path: Path, problems: AgendaProblem[]): typeof FAILED {
  const message =
    value === undefined
      ? `is missing (expected ${article(expected)})`
      : `must be ${article(expected)}, not ${describeValue(value)}`;
  problems.push({ path: jsonPath(path), message });
  return FAILED;
}

/**
 * A minimum length, checked (as zod does) on anything with a length, even a value of the
 * wrong type: `id: []` is both not a string and too short. Whether it reported.
 */
function tooShort(value: unknown, min: number, path: Path, problems: AgendaProblem[]): boolean {
  const length = value === null || value === undefined ? undefined : (value as { length?: unknown }).length;
  if (length === undefined || (length as number) >= min) return false;
  const message =
    typeof value === 'string'
      ? 'must not be empty'
      : Array.isArray(value)
        ? `must list at least ${String(min)} entry`
        : `must be at least ${String(min)}`;
  problems.push({ path: jsonPath(path), message });
  return true;
}

/** Non-empty after trimming; the trimmed text. */
const text: Check = (value, path, problems) => {
  if (typeof value !== 'string') {
    wrongType('string', value, path, problems);
    tooShort(value, 1, path, problems);
    return FAILED;
  }
  const trimmed = value.trim();
  return tooShort(trimmed, 1, path, problems) ? FAILED : trimmed;
};

/** An absent value stays absent. */
const optional =
  (check: Check): Check =>
  (value, path, problems) =>
    value === undefined ? undefined : check(value, path, problems);

/** A whole number, as JavaScript can hold it exactly. */
const wholeNumber: Check = (value, path, problems) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType('number', value, path, problems);
  if (!Number.isInteger(value)) return wrongType('int', value, path, problems);
  if (value > Number.MAX_SAFE_INTEGER) problems.push({ path: jsonPath(path), message: 'is not valid (too_big)' });
  else if (value < Number.MIN_SAFE_INTEGER)
    problems.push({ path: jsonPath(path), message: `must be at least ${String(Number.MIN_SAFE_INTEGER)}` });
  else return value;
  return FAILED;
};

const oneOf =
  (...accepted: readonly string[]): Check =>
  (value, path, problems) => {
    if (accepted.includes(value as string)) return value;
    const use = accepted.map((v) => JSON.stringify(v)).join(' or ');
    problems.push({ path: jsonPath(path), message: `${describeValue(value)} is not accepted; use ${use}` });
    return FAILED;
  };

/** A list whose entries each pass `entry` (anything when absent), at least `min` long. */
const list =
  (entry: Check | undefined, min = 0): Check =>
  (value, path, problems) => {
    if (!Array.isArray(value)) {
      wrongType('array', value, path, problems);
      if (min > 0) tooShort(value, min, path, problems);
      return FAILED;
    }
    const items: unknown[] = value;
    const out = entry ? items.map((item, i) => entry(item, [...path, i], problems)) : [...items];
    const short = min > 0 && tooShort(out, min, path, problems);
    return short || out.includes(FAILED) ? FAILED : out;
  };

/** A missing list is an empty one. */
const words: Check = (value, path, problems) => (value === undefined ? [] : list(text)(value, path, problems));

/** An object with these fields (in this order); other fields are kept, after them, unchecked. */
const fields =
  (shape: Readonly<Record<string, Check>>): Check =>
  (value, path, problems) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return wrongType('object', value, path, problems);
    }
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let failed = false;
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(input[key], [...path, key], problems);
      if (checked === FAILED) failed = true;
      else if (checked !== undefined || key in input) out[key] = checked;
    }
    for (const key of Object.keys(input)) if (!Object.hasOwn(shape, key)) out[key] = input[key];
    return failed ? FAILED : out;
  };

const questionShape = fields({
  id: text,
  section: text,
  origin: oneOf('paper', 'prompt'),
  text,
  keywords: words,
  kind: optional(text),
});

const challengeShape = fields({
  id: text,
  category: text,
  slug: text,
  title: text,
  paper_title: text,
  summary: text,
  keywords: words,
  subsections: list(fields({ section: text, title: text }), 1),
  questions: list(undefined),
});

const categoryShape = fields({
  id: text,
  section: text,
  title: text,
  paper_title: text,
  summary: text,
  challenges: list(text, 1),
});

const documentShape = fields({
  id: text,
  title: text,
  short_title: text,
  source: fields({
    authors: text,
    year: wholeNumber,
    url: text,
    license: text,
    venue: optional(text),
    site: optional(text),
  }),
  links: fields({ challenge: text, subsection: text }),
  categories: list(undefined, 1),
  challenges: list(undefined, 1),
});

export type Shaped<T> = { ok: true; value: T } | { ok: false; problems: AgendaProblem[] };

function shaped<T>(check: Check): (value: unknown, prefix: Path) => Shaped<T> {
  return (value, prefix) => {
    const problems: AgendaProblem[] = [];
    const out = check(value, prefix, problems);
    return out === FAILED ? { ok: false, problems } : { ok: true, value: out as T };
  };
}

/** The document without its categories and challenges, which are checked one by one. */
export const documentShapeCheck = shaped<DocumentDoc>(documentShape);
export const categoryShapeCheck = shaped<CategoryDoc>(categoryShape);
/** Questions are checked one by one (`questionShapeCheck`), so one bad question does not hide the rest. */
export const challengeShapeCheck = shaped<ChallengeDoc>(challengeShape);
export const questionShapeCheck = shaped<QuestionDoc>(questionShape);
