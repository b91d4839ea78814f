import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../../src/core/agenda/import/index.js';
import { brief, parseFixture } from './fixture.js';
import { miniTarget } from '../../../fixtures/mini-agenda.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('HTML import', () => {
  it('reads <ol>/<li> under headings, skipping scripts, styles, comments and navigation', () => {
    const result = parseFixture('page.html');
    expect(result.format).toBe('html');
    expect(brief(result)).toEqual([
      '2.1-q1 §2.1.1 @18',
      '2.1-q2 §2.1.2 @20',
      '2.1-q3 §2.1.3 @22',
      '3.5-q3 §3.5.1 @26',
      '3.5-q4 §3.5.2 @27',
    ]);
    expect(result.rejections).toEqual([]);
  });

  it('flattens nested markup and decodes entities in the text', () => {
    const texts = parseFixture('page.html').questions.map((q) => q.text);
    expect(texts).toEqual([
      'Does the order of demonstrations matter more for small models than for large ones?',
      'How do models treat demonstrations whose labels contradict what they “know” & believe?',
      'Is in-context learning <really> learning, or retrieval of a task seen in pretraining?',
      'Which of a model’s refusals come from a single direction in its activations?',
      'Can tool outputs be marked so that a model never follows instructions inside them, “even when asked”?',
    ]);
  });

  it('decodes numeric and named references and leaves unknown names as typed', () => {
    const references = 'a &amp; b &#233; &#xE9; &hellip; &bogus; &#0; &lt;';
    const html = `<h3>Challenge 3.5</h3>\n<ol>\n<li>${references} (Section 3.5.1)</li>\n</ol>`;
    const result = parseImport(utf8(html), 'refs.html', miniTarget);
    expect(result.questions.map((q) => q.text)).toEqual(['a & b é é … &bogus; \uFFFD <']);
  });

  it('rejects an <li> in an ordered list that has no citation, with its line', () => {
    const html = '<h3>Challenge 3.5</h3>\n<ol>\n<li>Cited. (Section 3.5.1)</li>\n<li>Not cited.</li>\n</ol>';
    const result = parseImport(utf8(html), 'x.html', miniTarget);
    expect(brief(result)).toEqual(['3.5-q1 §3.5.1 @3']);
    expect(result.rejections.map((r) => `${r.code} @${r.place.line}`)).toEqual(['missing-citation @4']);
  });

  it('keeps an item whole when it holds blocks of the same kind as its container', () => {
    const html =
      '<div class="c"><h2>3.5</h2>\n<ol>\n<li><div>Does <b>this</b> hold?</div> <div>Across models?</div> (Section 3.5.1)</li>\n</ol></div>';
    const result = parseImport(utf8(html), 'z.html', miniTarget);
    expect(result.questions.map((q) => q.text)).toEqual(['Does this hold? Across models?']);
    expect(result.rejections).toEqual([]);
  });

  it('treats a bold paragraph as a heading and survives a stray "<"', () => {
    const html = '<p><strong>3.4 Interpretability</strong></p><ol><li>Is 3 < 4 in every layer? (Section 3.4.2)</ol>';
    const result = parseImport(utf8(html), 'y.htm', miniTarget);
    expect(brief(result)).toEqual(['3.4-q1 §3.4.2 @1']);
    expect(result.questions[0]?.text).toBe('Is 3 < 4 in every layer?');
  });
});
