import { describe, expect, it } from 'vitest';
import { cutAtSpace, firstSentence, listWithin, plainSummary } from '../../src/core/plain-summary.js';

describe('listWithin', () => {
  const items = ['3.5.1 Standard evals', '3.5.2 Attacks', '3.5.3 Why attacks work'];

  it('keeps every item when they fit', () => {
    expect(listWithin(items, 100)).toBe('3.5.1 Standard evals; 3.5.2 Attacks; 3.5.3 Why attacks work');
  });

  it('cuts between items and counts the rest', () => {
    expect(listWithin(items, 50)).toBe('3.5.1 Standard evals; 3.5.2 Attacks; …and 1 more');
    expect(listWithin(items, 40)).toBe('3.5.1 Standard evals; …and 2 more');
  });

  it('never cuts inside an id, even with almost no room', () => {
    expect(listWithin(['2.1-q1', '2.1-q2', '2.1-q3'], 10, ', ')).toBe('…and 3 more');
    expect(listWithin(['2.1-q1', '2.1-q2', '2.1-q3'], 20, ', ')).toBe('2.1-q1, …and 2 more');
  });
});

describe('plainSummary', () => {
  it('joins sentences and lists with spaces, leaving out empty lists', () => {
    const text = plainSummary([
      '3.5 Jailbreaks.',
      { label: 'Subsections: ', items: ['3.5.1 A', '3.5.2 B'], end: '.' },
      { label: 'None: ', items: [] },
    ]);
    expect(text).toBe('3.5 Jailbreaks. Subsections: 3.5.1 A; 3.5.2 B.');
  });

  it('shortens the lists, not the sentences, to stay within the limit', () => {
    const items = Array.from({ length: 20 }, (_, i) => `3.5-p${i + 1}`);
    const text = plainSummary(
      ['Head sentence.', { label: 'Ids: ', items, separator: ', ', end: '.' }, 'Tail sentence.'],
      80,
    );
    expect(text).toBe('Head sentence. Ids: 3.5-p1, 3.5-p2, 3.5-p3, 3.5-p4, …and 16 more. Tail sentence.');
    expect(text.length).toBeLessThanOrEqual(80);
  });

  it("keeps room for each later list's shortest form before filling earlier ones", () => {
    const text = plainSummary(
      [
        { label: 'A: ', items: ['aaaa', 'bbbb', 'cccc', 'dddd'], end: '.' },
        { label: 'B: ', items: ['eeee', 'ffff'], end: '.' },
      ],
      40,
    );
    expect(text).toBe('A: aaaa; …and 3 more. B: eeee; ffff.');
    expect(text.length).toBeLessThanOrEqual(40);
  });

  it('cuts over-long sentences at a space', () => {
    expect(plainSummary(['one two three four five six'], 15)).toBe('one two three…');
  });
});

describe('firstSentence and cutAtSpace', () => {
  it('takes the first sentence, not a dot inside an abbreviation or number', () => {
    expect(firstSentence('Models (e.g. GPT-4) fail. Then more.')).toBe('Models (e.g. GPT-4) fail.');
    expect(firstSentence('Version 2.1 is out. Yes.')).toBe('Version 2.1 is out.');
    expect(firstSentence('No end here')).toBe('No end here');
  });

  it('leaves short text alone', () => {
    expect(cutAtSpace('short', 10)).toBe('short');
  });
});
