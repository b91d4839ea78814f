import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../../src/core/agenda/import/index.js';
import { miniTarget } from '../../../fixtures/mini-agenda.js';

/**
 * A 10 MB list, generated here rather than committed: 3 challenges with 30,000
 * questions each (wrapped over two lines), and one bad citation every 10,000.
 */
function bigList(): { text: string; questions: number; bad: number[] } {
  const parts: string[] = [];
  const bad: number[] = [];
  let line = 1;
  let questions = 0;
  for (const [challenge, count] of [
    ['2.1', 6],
    ['3.4', 11],
    ['3.5', 7],
  ] as const) {
    parts.push(`## ${challenge} Generated challenge\n\n`);
    line += 2;
    for (let n = 1; n <= 30_000; n++) {
      const broken = n % 10_000 === 0;
      const section = broken ? `${challenge}.99` : `${challenge}.${(n % count) + 1}`;
      if (broken) bad.push(line);
      else questions++;
      parts.push(
        `${n}. Generated question number ${n} about a property of models that might explain behaviour\n   seen in experiment ${n}? (Section ${section})\n`,
      );
      line += 2;
    }
    parts.push('\n');
    line += 1;
  }
  return { text: parts.join(''), questions, bad };
}

describe('large input', () => {
  it('imports a 10 MB text list in one linear pass, with progress and every rejection on its line', () => {
    const { text, questions, bad } = bigList();
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(10_000_000);
    const reports: number[] = [];
    const result = parseImport(bytes, 'big.md', miniTarget, { progress: (done) => reports.push(done) });
    expect(result.questions.length).toBe(89_991);
    expect(questions).toBe(89_991);
    expect(result.rejections.map((r) => r.place.line)).toEqual(bad);
    expect(result.rejections.every((r) => r.code === 'unknown-subsection')).toBe(true);
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.at(-1)).toBe(text.length);
    expect([...reports].sort((a, b) => a - b)).toEqual(reports);
    expect(result.questions[89_990]?.text).toBe(
      'Generated question number 29999 about a property of models that might explain behaviour seen in experiment 29999?', // 30000 cites a missing subsection,
    );
  });

  it('imports the same list as 10 MB of HTML', () => {
    const items: string[] = ['<html><body>'];
    for (const challenge of ['2.1', '3.5']) {
      items.push(`<h2>${challenge} Generated</h2>\n<ol>`);
      for (let n = 1; n <= 45_000; n++) {
        items.push(
          `<li>Generated <em>question</em> number ${n} &amp; a long enough tail of words to fill space? (Section ${challenge}.${(n % 6) + 1})</li>\n`,
        );
      }
      items.push('</ol>');
    }
    const html = items.join('');
    expect(html.length).toBeGreaterThan(10_000_000);
    const result = parseImport(new TextEncoder().encode(html), 'big.html', miniTarget);
    expect(result.questions.length).toBe(90_000);
    expect(result.rejections).toEqual([]);
    expect(result.questions[45_000]).toEqual({
      challengeId: '3.5',
      number: 1,
      text: 'Generated question number 1 & a long enough tail of words to fill space?',
      section: '3.5.2',
      place: { line: 45_003 }, // line 1 holds <h2> of 2.1, lines 2–45,001 its items, 45,002 <h2> of 3.5
    });
  });
});
