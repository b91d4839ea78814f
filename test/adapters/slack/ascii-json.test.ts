import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../../adapters/slack/ascii-json.js';

describe('JSON text in ASCII only', () => {
  const value = { text: '§3.5 — “jailbreaks” • café', emoji: 'tea 🍵', plain: 'a "quoted" <b>\n', n: 3 };

  it('writes every character outside ASCII as a \\u escape, an emoji as its two UTF-16 units', () => {
    expect(asciiJson(value)).toBe(
      '{"text":"\\u00a73.5 \\u2014 \\u201cjailbreaks\\u201d \\u2022 caf\\u00e9","emoji":"tea \\ud83c\\udf75",' +
        '"plain":"a \\"quoted\\" <b>\\n","n":3}',
    );
    expect(/^[\x20-\x7e]*$/u.test(asciiJson(value))).toBe(true);
  });

  it('reads back as the same value', () => {
    expect(JSON.parse(asciiJson(value))).toEqual(value);
  });
});
