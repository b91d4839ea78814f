import { describe, expect, it } from 'vitest';
import { graphemeBoundaries, headOf, shorten } from '../../../src/core/text/cut.js';

// Each sample written out as the graphemes a reader sees, so the expected pieces are known by hand.
const samples: Record<string, readonly string[]> = {
  emoji: ['a', '😀', 'b', '🎉'],
  zwj: ['👩‍👩‍👧', ' ', '👨‍💻', 'x'],
  accents: ['e\u0301', 'a', 'n\u0303', 'o\u0308\u0304'],
  flags: ['🇫🇷', '🇯🇵', 'z', '🏳️‍🌈'],
  skinTone: ['👍🏽', '!', '👋🏿'],
};

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** The whole-grapheme prefixes of a sample, as the only acceptable heads. */
function prefixes(graphemes: readonly string[]): string[] {
  return graphemes.map((_, i) => graphemes.slice(0, i).join('')).concat(graphemes.join(''));
}

describe('cutting text between graphemes', () => {
  for (const [name, graphemes] of Object.entries(samples)) {
    const text = graphemes.join('');

    it(`${name}: every head is whole graphemes, at every cut position`, () => {
      const allowed = prefixes(graphemes);
      for (let max = 0; max <= text.length + 1; max += 1) {
        const head = headOf(text, max);
        expect(allowed).toContain(head);
        expect(head.length).toBeLessThanOrEqual(max);
        expect(loneSurrogate.test(head)).toBe(false);
        // The longest such head: the next grapheme would not fit.
        const next = allowed[allowed.indexOf(head) + 1];
        if (next !== undefined) expect(next.length).toBeGreaterThan(max);
      }
    });

    it(`${name}: shortened text ends in whole graphemes and "…", within the limit`, () => {
      const allowed = prefixes(graphemes);
      for (let max = 1; max < text.length; max += 1) {
        const out = shorten(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.endsWith('…')).toBe(true);
        expect(allowed).toContain(out.slice(0, -1));
        expect(loneSurrogate.test(out)).toBe(false);
      }
      expect(shorten(text, text.length)).toBe(text);
    });
  }

  it('lists the boundaries of a flag and a family as whole units', () => {
    expect(graphemeBoundaries('🇫🇷👩‍👩‍👧a')).toEqual([0, 4, 12, 13]);
  });

  it('prefers a line break or a space in the second half, else cuts between graphemes', () => {
    expect(shorten('first line\nsecond line', 16, { breakAt: 'line' })).toBe('first line…');
    expect(shorten('alpha beta gamma', 13, { breakAt: 'word' })).toBe('alpha beta…');
    expect(shorten('ab cdefghijklmn', 10, { breakAt: 'word' })).toBe('ab cdefgh…');
    expect(shorten('😀😀😀😀', 6)).toBe('😀😀…');
  });

  it('keeps within even the smallest limits', () => {
    expect(shorten('abc', 1)).toBe('…');
    expect(shorten('abc', 0)).toBe('');
  });
});
