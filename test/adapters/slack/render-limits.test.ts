import { describe, expect, it } from 'vitest';
import { ephemeralText, type Reply } from '../../../src/core/message.js';
import { renderReply } from '../../../adapters/slack/render.js';

/** A list item whose rendered line is exactly 100 characters: "• `NNN`  " is 9, the text 91. */
function item(n: number): { id: string; text: string[] } {
  return { id: String(n).padStart(3, '0'), text: ['y'.repeat(91)] };
}

const textOf = (block: unknown): string => (block as { text: { text: string } }).text.text;

describe('Slack limits: one rule, the same every time', () => {
  it('keeps text of exactly 3,000 characters in one section and splits 3,001 into two', () => {
    const exact = renderReply(ephemeralText('a'.repeat(3000))).blocks;
    expect(exact).toHaveLength(1);
    const over = renderReply(ephemeralText(`${'a'.repeat(2000)} ${'b'.repeat(1000)}`)).blocks;
    expect(over.map(textOf)).toEqual(['a'.repeat(2000), 'b'.repeat(1000)]);
  });

  it('splits long text at line breaks into sections of at most 3,000 characters', () => {
    const line = 'z'.repeat(99);
    const text = Array.from({ length: 70 }, () => line).join('\n'); // 70 lines of 100 with their breaks
    const blocks = renderReply(ephemeralText(text)).blocks;
    // 30 lines (2,999 characters) fit a section; 70 lines make 30 + 30 + 10.
    expect(blocks.map((b) => textOf(b).split('\n').length)).toEqual([30, 30, 10]);
    expect(blocks.every((b) => textOf(b).length <= 3000)).toBe(true);
  });

  it('cuts a long list after the last whole item that fits in 12,000 characters and says so', () => {
    const items = Array.from({ length: 200 }, (_, i) => item(i + 1));
    const { blocks } = renderReply({
      visibility: 'ephemeral',
      summary: 'search',
      blocks: [{ kind: 'list', items, more: 'showing 200 of 340 — narrow with in:3.5' }],
    });
    // 29 lines of 100 (2,928 characters with breaks) per section; 11,600 characters leave room for 29+29+29+27.
    expect(blocks.slice(0, 4).map((b) => textOf(b).split('\n').length)).toEqual([29, 29, 29, 27]);
    expect(blocks).toHaveLength(5);
    expect(blocks[4]).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: '_Showing 114 of 200: the rest did not fit in one Slack message._\nshowing 200 of 340 — narrow with in:3.5',
        },
      ],
    });
    expect(textOf(blocks[3]).endsWith(`• \`114\`  ${'y'.repeat(91)}`)).toBe(true);
  });

  it('never passes 50 blocks, keeps the buttons, and says what was cut', () => {
    const blocks: Reply['blocks'] = [
      ...Array.from({ length: 70 }, (_, i) => ({ kind: 'text' as const, spans: [`part ${i + 1}`] })),
      { kind: 'buttons', buttons: [{ action: 'share', value: 'x', label: 'Share in channel' }] },
    ];
    const out = renderReply({ visibility: 'ephemeral', summary: 's', blocks }).blocks;
    expect(out).toHaveLength(50);
    expect(textOf(out[47])).toBe('part 48');
    expect(out[48]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '_…the rest did not fit in one Slack message._' }],
    });
    expect(out[49]?.type).toBe('actions');
  });

  it('cuts text that passes 12,000 characters at a word, with an ellipsis', () => {
    const words = Array.from({ length: 3000 }, () => 'word').join(' '); // 14,999 characters
    const out = renderReply(ephemeralText(words)).blocks;
    const sections = out.filter((b) => b.type === 'section').map(textOf);
    const total = sections.reduce((n, t) => n + t.length, 0);
    expect(total).toBeLessThanOrEqual(11600);
    expect(sections.at(-1)?.endsWith('word…')).toBe(true);
    expect(out.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '_…the rest did not fit in one Slack message._' }],
    });
  });

  it("shortens a heading to Slack's 150 characters", () => {
    const out = renderReply({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [{ kind: 'heading', text: 'h'.repeat(200) }],
    }).blocks;
    expect(out).toEqual([{ type: 'header', text: { type: 'plain_text', text: `${'h'.repeat(149)}…`, emoji: true } }]);
  });
});
