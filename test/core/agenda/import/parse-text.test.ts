import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../../src/core/agenda/import/index.js';
import { brief, parseFixture, rejections } from './fixture.js';
import { miniTarget } from '../../../fixtures/mini-agenda.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('text and Markdown import', () => {
  it('reads a clean list: numbers per challenge, citations split off, lines kept', () => {
    const result = parseFixture('clean.md');
    expect(result.format).toBe('text');
    expect(brief(result)).toEqual([
      '2.1-q1 §2.1.1 @5',
      '2.1-q2 §2.1.2 @6',
      '2.1-q3 §2.1.3 @7',
      '3.5-q1 §3.5.1 @11',
      '3.5-q2 §3.5.3 @12',
      '3.5-q3 §3.5.4 @13',
      '3.5-q4 §3.5.2 @14',
    ]);
    expect(result.questions[6]?.text).toBe(
      "How can an assistant that reads retrieved web pages keep apart its operator's instructions and instructions planted in the pages?",
    );
    expect(result.rejections).toEqual([]);
  });

  it('joins wrapped lines, including a citation broken across two lines', () => {
    const result = parseFixture('wrapped.txt');
    expect(brief(result)).toEqual(['3.4-q1 §3.4.2 @3', '3.4-q2 §3.4.3 @6', '3.4-q3 §3.4.10 @10']);
    expect(result.questions[0]?.text).toBe(
      'When a sparse autoencoder splits a feature into finer features as the dictionary grows, which of the pieces, if any, does the model itself use?',
    );
    expect(result.questions[1]?.text).toBe(
      "Can a probe's accuracy on held-out prompts be trusted as evidence that the model represents the probed concept, or must we intervene on it too?",
    );
  });

  it('recognises challenge headings in several styles, including the paper heading alone', () => {
    const result = parseFixture('headings.md');
    expect(brief(result)).toEqual([
      '2.1-q1 §2.1.4 @6', // Challenge 2.1: … underlined with ===
      '3.4-q1 §3.4.1 @10', // **3.4 Interpretability**
      '3.4-q2 §3.4.5 @11', // "2)" item style
      '3.5-q1 §3.5.2 @15', // 3.5. Jailbreaks …
      '3.5-q2 §3.5.5 @19', // ## <paper heading of 3.5>
      '2.1-q2 §2.1.5 @23', // ### Challenge 2.1 — …, bulleted "- 2."
    ]);
    expect(result.rejections).toEqual([]);
  });

  it('rejects bad citations with their lines and keeps the good question', () => {
    const result = parseFixture('bad-citations.md');
    expect(brief(result)).toEqual(['2.1-q1 §2.1.6 @3']);
    expect(rejections(result)).toEqual([
      'unknown-subsection @4',
      'wrong-challenge @5',
      'missing-citation @6',
      'no-challenge @10',
    ]);
    expect(result.rejections[0]?.message).toBe(
      'question 2 cites §2.1.9, which this agenda does not have (challenge 2.1 has 2.1.1 to 2.1.6)',
    );
    expect(result.rejections[1]?.message).toBe(
      'question 3 is listed under challenge 2.1 but cites §3.4.2, a subsection of challenge 3.4',
    );
  });

  it('rejects a duplicate number and empty texts, naming the first use', () => {
    const result = parseFixture('duplicates.md');
    expect(brief(result)).toEqual(['3.5-q1 §3.5.1 @3', '3.5-q2 §3.5.3 @4']);
    expect(rejections(result)).toEqual(['duplicate-number @5', 'empty-text @6', 'empty-text @7']);
    expect(result.rejections[0]?.message).toBe(
      'question 2 of challenge 3.5 is a duplicate: that number was already used at line 4',
    );
  });

  it('refuses an empty file, a binary file and text with no numbered questions', () => {
    expect(() => parseFixture('empty.txt')).toThrow('empty.txt is empty: there is nothing to import');
    expect(() => parseFixture('binary.bin')).toThrow(/binary\.bin looks like a binary file.*NUL byte at offset 8/);
    expect(() => parseImport(utf8('Just some notes.\nNothing numbered here.\n'), 'notes.md', miniTarget)).toThrow(
      /notes\.md holds no numbered questions/,
    );
    expect(() => parseImport(new Uint8Array([0x41, 0xc3, 0x28, 0x42]), 'latin.txt', miniTarget)).toThrow(
      /not valid UTF-8/,
    );
  });

  it('takes the challenge from the citation when no heading names one', () => {
    const result = parseImport(
      utf8('1. Is this cited? (§3.5.6)\n2) And this one? [Sec. 2.1.2].\n'),
      'loose.txt',
      miniTarget,
    );
    expect(brief(result)).toEqual(['3.5-q1 §3.5.6 @1', '2.1-q2 §2.1.2 @2']);
  });

  it('reads item numbers set in bold, and items wholly in bold', () => {
    const result = parseImport(
      utf8(
        '## 3.5\n**1.** Bold number? (Section 3.5.1)\n__2)__ Underscored? (Section 3.5.2)\n**3. All bold? (Section 3.5.3)**\n',
      ),
      'b.md',
      miniTarget,
    );
    expect(brief(result)).toEqual(['3.5-q1 §3.5.1 @2', '3.5-q2 §3.5.2 @3', '3.5-q3 §3.5.3 @4']);
    expect(result.questions.map((q) => q.text)).toEqual(['Bold number?', 'Underscored?', 'All bold?']);
  });

  it('keeps Markdown emphasis and links out of the question text', () => {
    const text =
      '## 2.1\n\n1. Does **emphasis** or a [linked paper](https://example.org) or `code` _survive_? (Section 2.1.1)\n';
    const result = parseImport(utf8(text), 'md.md', miniTarget);
    expect(result.questions[0]?.text).toBe('Does emphasis or a linked paper or code survive?');
  });

  it('reads UTF-16 text with a byte-order mark and Windows line ends', () => {
    const body = '## 3.5\r\n1. Does this decode? (Section 3.5.1)\r\n';
    const bytes = new Uint8Array(2 + body.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let k = 0; k < body.length; k++) bytes[2 + k * 2] = body.charCodeAt(k);
    expect(brief(parseImport(bytes, 'windows.txt', miniTarget))).toEqual(['3.5-q1 §3.5.1 @2']);
  });
});
