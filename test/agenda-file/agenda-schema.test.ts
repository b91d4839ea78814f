/**
 * The JSON Schema in data/ documents the agenda format for people and editors; the
 * zod schemas in src/core/agenda/schema.ts enforce it. `npm run agenda:schema` writes
 * the one from the other; these tests keep the committed file in step.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { renderAgendaJsonSchema } from '../../src/core/agenda/file-schema.js';
import {
  categorySchema,
  challengeSchema,
  documentSchema,
  questionSchema,
  subsectionSchema,
} from '../../src/core/agenda/schema.js';

interface ObjectSchema {
  required: string[];
  properties: Record<string, ObjectSchema>;
}
const committed = readFileSync(fileURLToPath(new URL('../../data/agenda.schema.json', import.meta.url)), 'utf8');
const schema = JSON.parse(committed) as ObjectSchema & {
  $id: string;
  $defs: Record<string, ObjectSchema>;
};

/** Keys a zod object refuses to go without (a field with a default is optional to the author). */
function requiredKeys(object: z.ZodObject): string[] {
  return Object.entries(object.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key)
    .sort();
}

describe('data/agenda.schema.json', () => {
  it.each([
    ['document', schema, documentSchema],
    ['source', schema.properties['source'] as ObjectSchema, documentSchema.shape.source],
    ['category', schema.$defs['category'] as ObjectSchema, categorySchema],
    ['challenge', schema.$defs['challenge'] as ObjectSchema, challengeSchema],
    ['subsection', schema.$defs['subsection'] as ObjectSchema, subsectionSchema],
    ['question', schema.$defs['question'] as ObjectSchema, questionSchema],
  ] as const)(
    '%s: requires exactly what the loader requires and documents every field it reads',
    (_name, json, zod) => {
      expect([...json.required].sort()).toEqual(requiredKeys(zod as unknown as z.ZodObject));
      for (const key of Object.keys((zod as unknown as z.ZodObject).shape))
        expect(Object.keys(json.properties)).toContain(key);
    },
  );

  it('is what `npm run agenda:schema` writes today (run it after changing src/core/agenda/schema.ts)', () => {
    expect(committed).toBe(renderAgendaJsonSchema());
  });

  it('documents the id patterns and descriptions authors rely on', () => {
    expect(schema.$id).toBe('agendabot/agenda.schema.json');
    expect(schema.$defs['question']?.properties['id']).toMatchObject({
      pattern: '^(\\d+\\.\\d+-q\\d+|\\d+\\.\\d+\\.\\d+-p\\d+)$',
    });
    expect(schema.$defs['subsection']?.properties['section']).toMatchObject({ pattern: '^\\d+\\.\\d+\\.\\d+$' });
    expect(schema.$defs['challenge']?.properties['keywords']).toMatchObject({
      description: 'Extra search and lookup words. Optional.',
    });
  });
});
