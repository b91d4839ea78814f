import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../../src/core/agenda/import/index.js';
import { brief, parseFixture, rejections } from './fixture.js';
import { miniTarget } from '../../../fixtures/mini-agenda.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('JSON and YAML import', () => {
  it('reads a JSON list of {section, text}, numbering per challenge, with lines and paths', () => {
    const result = parseFixture('questions.json');
    expect(result.format).toBe('json');
    expect(brief(result)).toEqual(['3.5-q1 §3.5.6 @2', '3.5-q2 §3.5.7 @3', '2.1-q7 §2.1.1 @4']);
    expect(rejections(result)).toEqual(['unknown-subsection @5', 'empty-text @6', 'bad-item @7']);
    expect(result.rejections[2]?.place).toEqual({ line: 7, path: '[5]' });
  });

  it('reads YAML questions under a "questions" key, splitting a citation typed into the text', () => {
    const result = parseFixture('questions.yaml');
    expect(result.format).toBe('yaml');
    expect(brief(result)).toEqual(['3.4-q2 §3.4.4 @3', '3.4-q5 §3.4.7 @8']);
    expect(result.questions.map((q) => q.text)).toEqual([
      'Do interpretability findings on a base model still hold after instruction tuning?',
      'Which mechanistic claims can be checked automatically?',
    ]);
  });

  it('takes only the paper questions of an agenda file, by their ids', () => {
    const agenda = {
      challenges: [
        {
          id: '3.5',
          questions: [
            { id: '3.5-q2', section: '3.5.3', origin: 'paper', text: 'A paper question.' },
            { id: '3.5.3-p1', section: '3.5.3', origin: 'prompt', text: 'Our prompt, not imported.' },
            { id: 'odd', section: '3.5.3', origin: 'paper', text: 'No number anywhere.' },
          ],
        },
      ],
    };
    const result = parseImport(utf8(JSON.stringify(agenda, null, 2)), 'other-agenda.json', miniTarget);
    expect(brief(result)).toEqual(['3.5-q2 §3.5.3 @6']);
    expect(rejections(result)).toEqual(['bad-item @18']);
  });

  it('turns control characters and direction overrides into spaces, and rejects an overlong text', () => {
    const items = [
      { section: '3.5.1', text: 'Red\u001b[31m alert\u202e? \u0000' },
      { section: '3.5.2', text: 'x'.repeat(1501) },
    ];
    const result = parseImport(utf8(JSON.stringify(items)), 'esc.json', miniTarget);
    expect(result.questions[0]?.text).toBe('Red [31m alert ?');
    expect(result.rejections[0]?.message).toBe(
      'question 2 is 1501 characters long; a question may have at most 1500 (is a blank line or its citation missing?)',
    );
  });

  it('names line and column of a JSON syntax error', () => {
    expect(() => parseImport(utf8('[\n  {"section": "3.5.1", "text": "x"},\n]'), 'broken.json', miniTarget)).toThrow(
      'broken.json:3:1: trailing comma before ]',
    );
    expect(() => parseImport(utf8('{"questions": [{"section": \'3.5.1\'}]}'), 'q.json', miniTarget)).toThrow(
      'q.json:1:28: strings must use double quotes',
    );
  });

  it('names line and column of a YAML syntax error', () => {
    expect(() =>
      parseImport(utf8('questions:\n  - section: 3.5.1\n    section: 3.5.2\n'), 'dup.yaml', miniTarget),
    ).toThrow('dup.yaml:3:5: Map keys must be unique');
  });

  it('says what shape it expected when the document is neither an agenda nor a list', () => {
    expect(() => parseImport(utf8('{"title": "x"}'), 'odd.json', miniTarget)).toThrow(
      /neither an agenda file \(an object with "challenges"\) nor a list of questions/,
    );
  });
});
