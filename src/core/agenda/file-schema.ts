/**
 * The agenda format as JSON Schema, for people and editors (`data/agenda.schema.json`,
 * written by `npm run agenda:schema`). Every type, required field and default comes
 * from the zod schemas the loader enforces (`schema.ts`); this file only adds words
 * and the id patterns that `validate.ts` checks, so the two cannot drift apart.
 * Imported by the generator and its test only: the bot never needs it.
 */
import { z } from 'zod';
import { categorySchema, challengeSchema, documentSchema, questionSchema, subsectionSchema } from './schema.js';

/** Documentation attached to a schema; zod copies these keys into the JSON Schema it writes. */
interface Doc {
  readonly description?: string;
  readonly pattern?: string;
}
const doc = <T extends z.ZodType>(schema: T, words: Doc): T => schema.meta({ ...words });

const CHALLENGE_ID = String.raw`^\d+\.\d+$`;
const SUBSECTION = String.raw`^\d+\.\d+\.\d+$`;
const OUR_WORDING = { description: 'Our wording.' };

const subsection = subsectionSchema
  .extend({
    section: doc(subsectionSchema.shape.section, {
      pattern: SUBSECTION,
      description: "e.g. `3.5.2`; must start with its challenge's id. Unique.",
    }),
  })
  .meta({ id: 'subsection' });

const q = questionSchema.shape;
const question = questionSchema
  .extend({
    id: doc(q.id, {
      pattern: String.raw`^(\d+\.\d+-q\d+|\d+\.\d+\.\d+-p\d+)$`,
      description:
        "`<challenge>-q<n>` for a paper question (n is its number in the challenge's list), " +
        '`<subsection>-p<n>` for a prompt. Unique.',
    }),
    section: doc(q.section, {
      pattern: SUBSECTION,
      description:
        'The subsection it belongs to / cites; a subsection of the same challenge ' +
        '(and, for a prompt, the one in its id).',
    }),
    keywords: doc(q.keywords, { description: 'Extra search words. Optional.' }),
    kind: doc(q.kind, { description: 'For prompts: empirical, theoretical, methods, conceptual or policy. Optional.' }),
    // Written by import and ignored by the loader (a loose object keeps them): documented, not enforced.
    site_number: doc(z.number().int().min(1).optional(), {
      description: "A paper question's number in its challenge's list (written by import). Optional.",
    }),
    imported_from: doc(z.string().optional(), {
      description: 'The file a question was imported from (written by import). Optional.',
    }),
  })
  .meta({
    id: 'question',
    description:
      "A research question. `paper` questions paraphrase the work's own questions and cite their subsection; " +
      '`prompt` questions are discussion prompts written for the bot and are always shown as such.',
  });

const c = challengeSchema.shape;
const challenge = challengeSchema
  .extend({
    id: doc(c.id, { pattern: CHALLENGE_ID, description: 'Its section number, e.g. `3.5`. Unique.' }),
    category: doc(c.category, { description: 'The id of the category that lists it.' }),
    slug: doc(c.slug, {
      description: 'Unique short name, e.g. `jailbreaks-prompt-injection`; accepted wherever a challenge is named.',
    }),
    title: doc(c.title, OUR_WORDING),
    paper_title: doc(c.paper_title, {
      description: "The work's own heading, verbatim; import also recognises it as a heading.",
    }),
    keywords: doc(c.keywords, { description: 'Extra search and lookup words. Optional.' }),
    subsections: z.array(subsection).min(1),
    // The loader checks questions one by one (so one bad question does not hide the rest); each has this shape.
    questions: z.array(question),
  })
  .meta({
    id: 'challenge',
    description: 'One challenge (the unit of a reading-group session and of subscription scopes).',
  });

const k = categorySchema.shape;
const category = categorySchema
  .extend({
    id: doc(k.id, { description: 'A slug used in commands and subscriptions, e.g. `scientific-understanding`.' }),
    section: doc(k.section, { description: 'Its number in the work, e.g. `2`; `/agenda category 2` finds it.' }),
    title: doc(k.title, OUR_WORDING),
    paper_title: doc(k.paper_title, { description: "The work's own heading, kept verbatim as a lookup key." }),
    challenges: doc(k.challenges, { description: 'Ids of its challenges, in order.' }),
  })
  .meta({
    id: 'category',
    description:
      'A group of challenges. Every challenge belongs to exactly one category, ' +
      'and every id listed must be a challenge of the file.',
  });

const d = documentSchema.shape;
const source = d.source.shape;
const SECTION_PLACEHOLDER = String.raw`\{section\}`;
const agendaFile = documentSchema
  .extend({
    id: doc(d.id, { description: 'A stable identifier for the agenda, e.g. `llm-alignment-safety-challenges`.' }),
    title: doc(d.title, { description: 'The full title of the source work.' }),
    short_title: doc(d.short_title, { description: 'A short name shown in replies and help.' }),
    source: d.source
      .extend({
        authors: doc(source.authors, { description: 'e.g. `Anwar et al.`' }),
        url: doc(source.url, { description: 'Where to read the work, e.g. its arXiv page.' }),
        license: doc(source.license, { description: 'e.g. `CC BY 4.0`. Only load text you may redistribute.' }),
      })
      .meta({ description: 'Where the agenda comes from; shown as attribution in help and weekly posts.' }),
    links: d.links
      .extend({
        challenge: doc(d.links.shape.challenge, { pattern: SECTION_PLACEHOLDER }),
        subsection: doc(d.links.shape.subsection, { pattern: SECTION_PLACEHOLDER }),
      })
      .meta({
        description:
          'URL templates for links into the work. ' +
          '`{section}` is replaced by a challenge id (`3.5`) or a subsection (`3.5.2`).',
      }),
    categories: z.array(category).min(1),
    challenges: z.array(challenge).min(1),
  })
  .meta({
    title: 'agendabot agenda file',
    description:
      'A research agenda the bot can run on: categories hold challenges, challenges hold subsections and questions. ' +
      'Field names are snake_case. Fields not listed here (provenance, confidence, notes) are allowed, ' +
      'kept on import and ignored by the bot. Check a file with `npm run agenda -- validate <file>`, ' +
      'which also applies the cross-field rules stated in the descriptions.',
  });

/** The text of `data/agenda.schema.json`: what an author may write (input), so fields with defaults are optional. */
export function renderAgendaJsonSchema(): string {
  const schema = z.toJSONSchema(agendaFile, { io: 'input', target: 'draft-2020-12' });
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema, $id: 'agendabot/agenda.schema.json', ...rest }, null, 2)}\n`;
}
