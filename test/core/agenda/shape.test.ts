/**
 * The bot checks an agenda's shape by hand (`shape.ts`) so that zod is not loaded at
 * start-up; the zod schemas (`schema.ts`) stay the reference for the JSON Schema. These
 * tests hold the two to the same outcome: same problems in the same order, same values
 * (trimmed, defaulted, extra fields kept after the known ones).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  categorySchema,
  challengeSchema,
  checkShape,
  documentSchema,
  questionSchema,
} from '../../../src/core/agenda/schema.js';
import {
  categoryShapeCheck,
  challengeShapeCheck,
  documentShapeCheck,
  questionShapeCheck,
} from '../../../src/core/agenda/shape.js';

type Doc = Record<string, unknown>;
const shipped = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../data/agenda.json', import.meta.url)), 'utf8'),
) as Doc & { categories: Doc[]; challenges: (Doc & { questions: Doc[] })[] };

/** Values that break (or pass) each kind of field in some way. */
const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  3,
  2.5,
  -0,
  1e20,
  -1e20,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  true,
  '',
  '   ',
  '  padded  ',
  'x'.repeat(80),
  'prompt',
  [],
  ['a', ' ', 3],
  [{ section: '1.1.1', title: 'T' }],
  [{ section: ' ', title: 4 }, 'x'],
  {},
  { challenge: '', subsection: 'x' },
  { authors: 'A', year: 2024.5, url: 'u', license: 'l', venue: '' },
  { length: 0 },
  { length: 2 },
];

/** The base, then the base with each field (and each nested object's field) swapped for each odd value, or removed. */
function variants(base: Doc): unknown[] {
  const out: unknown[] = [base, { ...base, extra: 1, another: [1] }, null, [], 'text', 7, undefined];
  for (const key of Object.keys(base)) {
    for (const odd of ODD_VALUES) out.push({ ...base, [key]: odd });
    const { [key]: _removed, ...rest } = base;
    out.push(rest);
    const inner = base[key];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      for (const innerKey of Object.keys(inner)) {
        for (const odd of ODD_VALUES) out.push({ ...base, [key]: { ...inner, [innerKey]: odd } });
      }
    }
  }
  return out;
}

function same(
  name: string,
  zodSchema: Parameters<typeof checkShape>[0],
  byHand: (value: unknown, prefix: readonly PropertyKey[]) => unknown,
  base: Doc,
): void {
  it(`${name}: the same problems and values as the zod schema`, () => {
    const cases = variants(base);
    expect(cases.length).toBeGreaterThan(50);
    for (const value of cases) {
      const reference = checkShape(zodSchema, value, ['at', 2]);
      const ours = byHand(value, ['at', 2]);
      expect(ours).toEqual(reference);
      // toEqual ignores key order and undefined-valued keys; the agenda's fingerprint does not.
      expect(JSON.stringify(ours)).toBe(JSON.stringify(reference));
    }
  });
}

describe('the hand-written agenda shape check', () => {
  const { questions, ...challenge } = shipped.challenges[0] ?? { questions: [] };
  same('document', documentSchema, documentShapeCheck, shipped);
  same('category', categorySchema, categoryShapeCheck, shipped.categories[0] ?? {});
  same('challenge', challengeSchema, challengeShapeCheck, { ...challenge, questions });
  same('question', questionSchema, questionShapeCheck, questions[0] ?? {});
  same('question without keywords or kind', questionSchema, questionShapeCheck, {
    id: '2.1-q1',
    section: '2.1',
    origin: 'paper',
    text: 'Why?',
  });

  it('says what is wrong in words an agenda author reads', () => {
    const checked = questionShapeCheck({ id: ' ', section: 4, origin: 'book', keywords: ['ok', ''] }, ['q']);
    expect(checked).toEqual({
      ok: false,
      problems: [
        { path: 'q.id', message: 'must not be empty' },
        { path: 'q.section', message: 'must be a string, not 4' },
        { path: 'q.origin', message: '"book" is not accepted; use "paper" or "prompt"' },
        { path: 'q.text', message: 'is missing (expected a string)' },
        { path: 'q.keywords[1]', message: 'must not be empty' },
      ],
    });
  });

  it('trims text, fills in missing keyword lists and keeps unknown fields after the known ones', () => {
    const checked = questionShapeCheck(
      { note: 'kept', text: ' Why? ', origin: 'prompt', section: '2.1.1', id: '2.1.1-p1' },
      [],
    );
    expect(checked.ok && JSON.stringify(checked.value)).toBe(
      '{"id":"2.1.1-p1","section":"2.1.1","origin":"prompt","text":"Why?","keywords":[],"note":"kept"}',
    );
  });
});
