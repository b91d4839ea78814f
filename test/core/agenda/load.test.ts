import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgendaValidationError, agendaContentHash, loadAgenda, parseAgenda } from '../../../src/core/agenda/load.js';
import { validateAgendaDocument } from '../../../src/core/agenda/validate.js';
import { FIXTURE_AGENDA_PATH } from '../../fixtures/agenda.js';

const AGENDA_PATH = FIXTURE_AGENDA_PATH;
const AGENDA_TEXT = readFileSync(AGENDA_PATH, 'utf8');

/** A fresh, mutable copy of the fixture agenda document. */
function realDocument(): any {
  return JSON.parse(AGENDA_TEXT);
}

function problemsOf(document: unknown): string[] {
  const result = validateAgendaDocument(document);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`));
}

describe('loading the small fixture agenda (see test/fixtures/agenda.ts)', () => {
  const agenda = loadAgenda(AGENDA_PATH);

  it('has 3 categories, 18 challenges and 51 subsections', () => {
    expect(agenda.categories.map((c) => c.section)).toEqual(['2', '3', '4']);
    expect(agenda.challenges).toHaveLength(18);
    expect(agenda.challenges.reduce((n, c) => n + c.subsections.length, 0)).toBe(51);
    expect(agenda.categories.map((c) => c.challengeIds.length)).toEqual([7, 6, 5]);
  });

  it('has 2 paper questions and 104 prompts', () => {
    const questions = agenda.challenges.flatMap((c) => c.questions);
    expect(questions.filter((q) => q.origin === 'paper').map((q) => q.id)).toEqual(['2.1-q1', '2.1-q2']);
    expect(questions.filter((q) => q.origin === 'prompt')).toHaveLength(104);
  });

  it('maps snake_case fields to the model', () => {
    const jailbreaks = agenda.challenges.find((c) => c.id === '3.5');
    expect(jailbreaks?.slug).toBe('jailbreaks-prompt-injection');
    expect(jailbreaks?.paperTitle).toBe('Jailbreaks and Prompt Injections Threaten Security of LLMs');
    expect(jailbreaks?.categoryId).toBe('development-deployment');
    expect(jailbreaks?.subsections.map((s) => s.section)).toEqual([
      '3.5.1',
      '3.5.2',
      '3.5.3',
      '3.5.4',
      '3.5.5',
      '3.5.6',
      '3.5.7',
    ]);
    const prompt = jailbreaks?.questions.find((q) => q.id === '3.5.1-p1');
    expect(prompt).toMatchObject({ challengeId: '3.5', section: '3.5.1', origin: 'prompt', kind: 'methods' });
    expect(agenda.links.subsection).toBe('https://arxiv.org/pdf/2404.09932v2#subsubsection.{section}');
    expect(agenda.source).toMatchObject({ authors: 'Anwar et al.', year: 2024, license: 'CC BY 4.0' });
  });

  it('gives the same content hash for the same content and a different one after a change', () => {
    const again = parseAgenda(AGENDA_TEXT, 'copy');
    expect(agendaContentHash(again)).toBe(agendaContentHash(agenda));
    const changed = realDocument();
    changed.challenges[0].summary = 'A different summary.';
    expect(agendaContentHash(parseAgenda(JSON.stringify(changed), 'changed'))).not.toBe(agendaContentHash(agenda));
  });
});

describe('rejecting invalid agendas', () => {
  it('reports invalid JSON with line and column', () => {
    const text = '{\n  "id": "x",\n  "title" "missing colon"\n}';
    expect(() => parseAgenda(text, 'broken.json')).toThrow(/broken\.json is not a valid agenda/u);
    try {
      parseAgenda(text, 'broken.json');
    } catch (error) {
      expect(error).toBeInstanceOf(AgendaValidationError);
      expect((error as AgendaValidationError).problems[0]?.message).toMatch(/^is not valid JSON at line 3, column 11/u);
    }
  });

  it('reports truncated JSON at its end', () => {
    const error = catchError(() => parseAgenda('{\n"id": "x",\n', 'cut.json'));
    expect(error.problems[0]?.message).toMatch(/at line 3, column 1/u);
  });

  it('reports a missing file without a stack trace', () => {
    const error = catchError(() => loadAgenda('/nonexistent/agenda.json'));
    expect(error.message).toBe(
      '/nonexistent/agenda.json is not a valid agenda (1 problem):\n  cannot be read (ENOENT)',
    );
  });

  it('reports every missing field and wrong type at once, with JSON paths', () => {
    const doc = realDocument();
    delete doc.title;
    doc.source.year = '2024';
    doc.challenges[3].questions[1].text = '';
    doc.challenges[5].keywords = 'multi-agent';
    doc.categories[1].summary = 42;
    expect(problemsOf(doc)).toEqual([
      'title: is missing (expected a string)',
      'source.year: must be a number, not "2024"',
      'categories[1].summary: must be a string, not 42',
      'challenges[3].questions[1].text: must not be empty',
      'challenges[5].keywords: must be a list, not "multi-agent"',
    ]);
  });

  it('reports wrong origins, ids and sections, several at once', () => {
    const doc = realDocument();
    doc.challenges[10].questions[2].section = '3.9.1'; // challenge 3.4
    doc.challenges[11].questions[0].origin = 'paraphrase'; // 3.5.1-p1
    doc.challenges[11].questions[1].id = '3.5.2-p7'; // cites 3.5.1
    doc.challenges[0].questions[0].id = '2.2-q1'; // paper question of 2.1
    doc.challenges[12].id = '3-6';
    doc.challenges[12].subsections[0].section = '3.5.9';
    const problems = problemsOf(doc);
    expect(problems).toContain('challenges[10].questions[2].section: "3.9.1" is not a subsection of challenge 3.4');
    expect(problems).toContain(
      'challenges[11].questions[0].origin: "paraphrase" is not accepted; use "paper" or "prompt"',
    );
    expect(problems).toContain(
      'challenges[11].questions[1].id: "3.5.2-p7" is not a prompt id of subsection 3.5.1 (use "3.5.1-p<n>")',
    );
    expect(problems).toContain(
      'challenges[0].questions[0].id: "2.2-q1" is not a paper question id of challenge 2.1 (use "2.1-q<n>")',
    );
    expect(problems).toContain('challenges[12].id: "3-6" is not a challenge id (use section numbers such as "3.5")');
    expect(problems).toContain('challenges[12].subsections[0].section: "3.5.9" is not a subsection of challenge 3-6');
  });

  it('reports duplicate ids with the place of the first', () => {
    const doc = realDocument();
    doc.challenges[1].slug = 'icl-black-box';
    doc.challenges[11].questions[1].id = '3.5.1-p1';
    doc.challenges[11].questions[1].section = '3.5.1';
    const problems = problemsOf(doc);
    expect(problems).toContain('challenges[1].slug: slug "icl-black-box" is used twice (first at challenges[0].slug)');
    expect(problems).toContain(
      'challenges[11].questions[1].id: question id "3.5.1-p1" is used twice (first at challenges[11].questions[0].id)',
    );
  });

  it('reports categories and challenges that do not refer to each other', () => {
    const doc = realDocument();
    doc.categories[0].challenges.push('2.9');
    doc.categories[2].challenges = doc.categories[2].challenges.filter((id: string) => id !== '4.5');
    doc.challenges[7].category = 'science';
    doc.challenges[8].category = 'sociotechnical';
    expect(problemsOf(doc)).toEqual([
      'categories[0].challenges[7]: "2.9" is not the id of any challenge',
      'categories[1].challenges[1]: challenge 3.2 says its category is "sociotechnical", not "development-deployment"',
      'challenges[7].category: "science" is not the id of any category',
      'challenges[17]: challenge 4.5 is not listed in its category "sociotechnical"',
    ]);
  });

  it('requires {section} in link templates', () => {
    const doc = realDocument();
    doc.links.challenge = 'https://arxiv.org/pdf/2404.09932v2';
    delete doc.links.subsection;
    expect(problemsOf(doc)).toEqual(['links.subsection: is missing (expected a string)']);
    doc.links.subsection = 'https://example.org/#{section}';
    expect(problemsOf(doc)).toEqual([
      'links.challenge: "https://arxiv.org/pdf/2404.09932v2" has no {section} placeholder',
    ]);
  });

  it('rejects a document that is not an object', () => {
    expect(problemsOf([1, 2])).toEqual(['must be an object, not a list']);
  });

  it('loads a valid file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agenda-'));
    const path = join(dir, 'agenda.json');
    writeFileSync(path, AGENDA_TEXT);
    expect(loadAgenda(path).challenges[17]?.id).toBe('4.5');
  });
});

function catchError(work: () => unknown): AgendaValidationError {
  try {
    work();
  } catch (error) {
    if (error instanceof AgendaValidationError) return error;
    throw error;
  }
  throw new Error('expected an AgendaValidationError');
}
