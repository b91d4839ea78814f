/**
 * Slack's fitting rule at its edges: the closing small print survives a cut, markup is
 * never split between sections, and empty labels still make a message Slack accepts.
 */
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../adapters/slack/render.js';
import { splitMrkdwn } from '../../../adapters/slack/split.js';
import type { Reply } from '../../../src/core/message.js';

const texts = (blocks: readonly unknown[]): string[] => blocks.map((b) => JSON.stringify(b));

describe('Slack fitting rule at the edges', () => {
  it('keeps the closing attribution when the answer is cut', () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      summary: 'help',
      blocks: [
        ...Array.from({ length: 60 }, (_, i) => ({ kind: 'text' as const, spans: [`part ${i + 1}`] })),
        { kind: 'context', spans: ['Agenda: Test et al. (2024), CC BY 4.0.'] },
        { kind: 'buttons', buttons: [{ action: 'share', value: 'help', label: 'Share in channel' }] },
      ],
    };
    const { blocks } = renderReply(reply);
    expect(blocks).toHaveLength(50);
    expect(blocks[46]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'part 47' } });
    expect(blocks[47]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '_…the rest did not fit in one Slack message._' }],
    });
    expect(blocks[48]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Agenda: Test et al. (2024), CC BY 4.0.' }],
    });
    expect(blocks[49]?.type).toBe('actions');
  });

  it('never splits a link, mention or entity between two sections', () => {
    const link = `<https://example.org/${'p'.repeat(40)}|the paper>`;
    const text = `${'a '.repeat(20)}${link} <@U123ABC> &amp; ${'b '.repeat(20)}${link}`;
    for (let max = 8; max < 80; max += 1) {
      for (const piece of splitMrkdwn(text, max)) {
        expect(piece.length).toBeLessThanOrEqual(max);
        // Every < is closed in the same piece, and no entity is cut.
        expect(piece.split('<').length).toBe(piece.split('>').length);
        expect(/&[a-z]*$/u.test(piece)).toBe(false);
      }
    }
  });

  it('keeps a link longer than a whole section as its label, never half a link', () => {
    const url = `https://example.org/${'q'.repeat(3100)}`;
    const { blocks } = renderReply({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [{ kind: 'links', links: [{ text: 'long link', url }] }],
    });
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'long link' } }]);
  });

  it('gives empty field labels and button labels something Slack accepts', () => {
    const { blocks } = renderReply({
      visibility: 'ephemeral',
      summary: '',
      blocks: [
        {
          kind: 'fields',
          fields: [
            { label: '', value: ['value only'] },
            { label: '', value: [] },
          ],
        },
        { kind: 'buttons', buttons: [{ action: 'open', value: '', label: '' }] },
      ],
    });
    expect(blocks).toEqual([
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'value only' }] },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'ab:open:0', text: { type: 'plain_text', text: 'open', emoji: true } }],
      },
    ]);
    expect(texts(blocks).join('')).not.toContain('"text":""');
  });

  it('sends a reply with only buttons as the buttons and its summary as the text', () => {
    const message = renderReply({
      visibility: 'ephemeral',
      summary: '',
      blocks: [{ kind: 'buttons', buttons: [{ action: 'a', value: 'v', label: 'Go' }] }],
    });
    expect(message.text).toBe('agendabot');
    expect(message.blocks).toEqual([
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'ab:a:0', value: 'v', text: { type: 'plain_text', text: 'Go', emoji: true } },
        ],
      },
    ]);
  });
});
