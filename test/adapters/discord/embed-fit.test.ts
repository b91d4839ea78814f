/**
 * Discord's fitting rule: long answers go over several embeds instead of losing their
 * end; the closing small print (the agenda's attribution) is always there; when a reply
 * truly cannot fit, the cut is said within the 6,000 characters, never beyond them.
 */
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { CUT_NOTE, embedLength, fitEmbeds } from '../../../adapters/discord/embed-limits.js';
import { renderReply } from '../../../adapters/discord/render.js';
import type { Reply } from '../../../src/core/message.js';

const total = (embeds: readonly APIEmbed[]): number => embeds.reduce((n, e) => n + embedLength(e), 0);

/** `n` lines of 99 letters plus a line break: 100 characters each. */
const lines = (n: number, letter: string): string => Array.from({ length: n }, () => letter.repeat(99)).join('\n');

describe('Discord fitting rule', () => {
  it('spreads a 5,000-character answer over two embeds and keeps the attribution at its end', () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      summary: 'help',
      blocks: [
        { kind: 'heading', text: 'Help' },
        { kind: 'text', spans: [lines(30, 'a')] },
        { kind: 'text', spans: [lines(20, 'b')] },
        { kind: 'context', spans: ['Agenda: Test et al. (2024), CC BY 4.0.'] },
        { kind: 'buttons', buttons: [{ action: 'share', value: 'help', label: 'Share in channel' }] },
      ],
    };
    const { message, cut } = renderReply(reply);
    expect(cut).toBe(false);
    expect(message.embeds).toHaveLength(2);
    expect(message.embeds[0]?.title).toBe('Help');
    expect(message.embeds[0]?.description).toBe(lines(30, 'a'));
    expect(message.embeds[1]?.description).toBe(
      `${lines(20, 'b')}\n\n*Agenda: Test et al. \\(2024), CC BY 4.0.*`.replace('\\(', '('),
    );
    expect(message.embeds.some((e) => e.footer !== undefined)).toBe(false);
  });

  it('keeps the closing small print and says what was cut when even ten embeds cannot hold the answer', () => {
    const pieces = [
      ...Array.from({ length: 8 }, () => ({ kind: 'paragraph' as const, text: lines(10, 'x') })),
      { kind: 'paragraph' as const, text: 'CC BY 4.0 attribution', keep: true },
    ];
    const { embeds, cut } = fitEmbeds({ title: 'T', pieces });
    expect(cut).toBe(true);
    expect(total(embeds)).toBeLessThanOrEqual(6000);
    expect(embeds.at(-1)?.description?.endsWith('CC BY 4.0 attribution')).toBe(true);
    expect(embeds.at(-1)?.footer?.text).toBe(CUT_NOTE);
    // 6,000 − 1 (title) − 76 (note) − 23 (kept, with its break) leaves 5,900: five whole paragraphs of
    // 999 with four breaks (5,003) and the sixth cut to the 895 left, at a line break, with "…".
    const described = embeds.map((e) => e.description ?? '').join('\n\n');
    expect(described.match(/x{99}/gu)).toHaveLength(58);
  });

  it('never passes 6,000 characters once the note is added (full title, long text and fields)', () => {
    const reply = (textLength: number): Reply => ({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [
        { kind: 'heading', text: 'T'.repeat(256) },
        { kind: 'text', spans: ['d'.repeat(textLength)] },
        {
          kind: 'fields',
          fields: [
            { label: 'f0', value: ['v'.repeat(798)] },
            { label: 'f1', value: ['v'.repeat(798)] },
          ],
        },
      ],
    });
    // 256 + 4,100 + 2 × 800 = 5,956: it all fits, over two embeds, with nothing cut.
    const fits = renderReply(reply(4100));
    expect(fits.cut).toBe(false);
    expect(total(fits.message.embeds)).toBe(5956);
    // 256 + 4,200 + 1,600 = 6,056 does not: cut, and the note still within 6,000.
    const over = renderReply(reply(4200));
    expect(over.cut).toBe(true);
    expect(total(over.message.embeds)).toBeLessThanOrEqual(6000);
    expect(over.message.embeds.at(-1)?.footer?.text).toBe(CUT_NOTE);
  });

  it('puts at most 25 fields in an embed and carries the rest to the next', () => {
    const pieces = Array.from({ length: 30 }, (_, i) => ({
      kind: 'field' as const,
      name: `f${i}`,
      value: 'v',
      inline: true,
    }));
    const { embeds, cut } = fitEmbeds({ pieces });
    expect(cut).toBe(false);
    expect(embeds.map((e) => e.fields?.length)).toEqual([25, 5]);
    expect(embeds[1]?.fields?.[0]?.name).toBe('f25');
  });

  it('keeps a footer (the post marker) first, followed by the note when cut', () => {
    const { embeds } = fitEmbeds({ pieces: [{ kind: 'paragraph', text: lines(70, 'z') }], footer: 'ref abc' });
    expect(embeds.at(-1)?.footer?.text).toBe(`ref abc · ${CUT_NOTE}`);
    expect(total(embeds)).toBeLessThanOrEqual(6000);
  });

  it('gives empty field labels and button labels something Discord accepts, and a bare reply some content', () => {
    const { message } = renderReply({
      visibility: 'ephemeral',
      summary: '',
      blocks: [
        { kind: 'heading', text: '' },
        { kind: 'fields', fields: [{ label: '', value: [] }] },
        {
          kind: 'buttons',
          buttons: [
            { action: 'open', value: '1', label: ' ' },
            { action: 'open', value: '1', label: 'again' },
          ],
        },
      ],
    });
    expect(message.embeds).toEqual([{ color: 0x3b6ea8, fields: [{ name: '\u200b', value: '-', inline: true }] }]);
    expect(message.components[0]?.components).toEqual([{ type: 2, custom_id: 'open:1', label: 'open', style: 2 }]);
    expect(renderReply({ visibility: 'ephemeral', summary: ' ', blocks: [] }).message.content).toBe('Done.');
  });
});
