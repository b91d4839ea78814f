import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/message.js';
import { cutText, fitEmbeds } from '../../../adapters/discord/embed-limits.js';
import { escapeMarkdown, spanToMarkdown } from '../../../adapters/discord/markdown.js';
import { parseCustomId, renderReply } from '../../../adapters/discord/render.js';

const challengeReply: Reply = {
  visibility: 'ephemeral',
  summary: 'Challenge 3.5: Jailbreaks and prompt injection',
  blocks: [
    { kind: 'heading', text: '3.5 Jailbreaks and prompt injection' },
    { kind: 'text', spans: ['Attacks on ', { text: 'guardrails', bold: true }, '.'] },
    { kind: 'fields', fields: [{ label: 'Category', value: ['Development and deployment'] }] },
    {
      kind: 'list',
      items: [
        { id: '3.5-q1', text: ['How is robustness measured?'], origin: 'paper' },
        { id: '3.5.2-p1', text: ['Which defences transfer?'], origin: 'prompt' },
        {
          id: '3.5.3-p1',
          text: ['Is it one method? — Discussion prompt (ours)'],
          origin: 'prompt',
          originInText: true,
        },
      ],
      more: 'showing 2 of 9',
    },
    { kind: 'links', links: [{ text: 'Paper §3.5', url: 'https://arxiv.org/abs/2404.09932' }] },
    { kind: 'context', spans: ['shared by ', { mention: '300000000000000001' }] },
    {
      kind: 'buttons',
      buttons: [{ action: 'share', value: 'challenge 3.5', label: 'Share in channel', style: 'primary' }],
    },
  ],
};

describe('renderReply', () => {
  it('renders an embed, a plain fallback, buttons, and mentions nobody', () => {
    const { message, ephemeral, cut } = renderReply(challengeReply);
    expect(ephemeral).toBe(true);
    expect(cut).toBe(false);
    expect(message.content).toBe('Challenge 3.5: Jailbreaks and prompt injection');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds).toEqual([
      {
        color: 0x3b6ea8,
        title: '3.5 Jailbreaks and prompt injection',
        description: [
          'Attacks on **guardrails**.',
          '• `3.5-q1` (from the paper) How is robustness measured?\n• `3.5.2-p1` (discussion prompt, ours) Which defences transfer?\n• `3.5.3-p1` Is it one method? — Discussion prompt (ours)\n*showing 2 of 9*',
          '[Paper §3.5](https://arxiv.org/abs/2404.09932)',
          '*shared by <@300000000000000001>*',
        ].join('\n\n'),
        fields: [{ name: 'Category', value: 'Development and deployment', inline: true }],
      },
    ]);
    expect(message.components).toEqual([
      { type: 1, components: [{ type: 2, custom_id: 'share:challenge 3.5', label: 'Share in channel', style: 1 }] },
    ]);
  });

  it('pings exactly the users the reply means to notify, and no one else', () => {
    const { message } = renderReply({
      ...challengeReply,
      visibility: 'channel',
      notify: ['300000000000000002', 'U-not-discord'],
    });
    expect(message.content).toBe('<@300000000000000002> Challenge 3.5: Jailbreaks and prompt injection');
    expect(message.allowed_mentions).toEqual({ parse: [], users: ['300000000000000002'] });
    // The mention span in the context line (300000000000000001) stays a name, not a ping.
    expect(message.embeds[0]?.description).toContain('<@300000000000000001>');
  });

  it('renders a channel reply as not ephemeral', () => {
    expect(renderReply({ ...challengeReply, visibility: 'channel' }).ephemeral).toBe(false);
  });

  it('escapes user text so it cannot format, mention or link', () => {
    const reply: Reply = {
      visibility: 'channel',
      summary: '@everyone *hi*',
      blocks: [{ kind: 'text', spans: ['<@123456789012> @here **x** [a](http://b) # h'] }],
    };
    const { message } = renderReply(reply);
    expect(message.content).toBe('\\@everyone \\*hi\\*');
    expect(message.embeds[0]?.description).toBe('\\<\\@123456789012> \\@here \\*\\*x\\*\\* \\[a\\](http://b) # h');
  });

  it('turns times into Discord timestamps and refuses non-http links', () => {
    expect(spanToMarkdown({ time: new Date('2026-03-02T09:00:00Z'), style: 'full' })).toBe('<t:1772442000:F>');
    expect(spanToMarkdown({ time: new Date('2026-03-02T09:00:00Z'), style: 'relative' })).toBe('<t:1772442000:R>');
    expect(spanToMarkdown({ link: 'javascript:alert(1)', text: 'x' })).toBe('x (javascript:alert(1))');
    expect(spanToMarkdown({ code: true, text: 'a`b' })).toBe('`aˋb`');
    expect(spanToMarkdown({ mention: 'not-an-id' })).toBe('\\@not-an-id');
  });

  it('escapes line-start markers', () => {
    expect(escapeMarkdown('# big\n- item\n1. first\n3.5 stays')).toBe('\\# big\n\\- item\n1\\. first\n3.5 stays');
  });

  it('leaves out a button whose id would exceed 100 characters and says so', () => {
    const long = { action: 'open', value: 'x'.repeat(96), label: 'Open' };
    const ok = { action: 'open', value: 'x'.repeat(95), label: 'Open' };
    const { message, droppedButtons } = renderReply({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [{ kind: 'buttons', buttons: [long, ok] }],
    });
    expect(droppedButtons).toEqual([long]);
    expect(message.components[0]?.components).toHaveLength(1);
    expect(message.embeds).toEqual([]);
  });

  it('puts at most five buttons in a row', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({ action: 'open', value: `3.${i}`, label: `3.${i}` }));
    const { message } = renderReply({ visibility: 'ephemeral', summary: 's', blocks: [{ kind: 'buttons', buttons }] });
    expect(message.components.map((r) => r.components.length)).toEqual([5, 2]);
  });

  it('splits custom ids at the first colon only', () => {
    expect(parseCustomId('share:search jailbreak in:3.5')).toEqual({
      action: 'share',
      value: 'search jailbreak in:3.5',
    });
  });
});

describe('the embed limits rule', () => {
  it('cuts text at the last line break in the second half, else at the limit', () => {
    expect(cutText('aaaa\nbbbb\ncc', 11)).toBe('aaaa\nbbbb…');
    expect(cutText('abcdefghij', 5)).toBe('abcd…');
    expect(cutText('short', 5)).toBe('short');
  });

  it('leaves a reply within every limit whole, in one embed, without a note', () => {
    const { embeds, cut } = fitEmbeds({
      title: 't',
      pieces: [
        { kind: 'paragraph', text: 'd' },
        { kind: 'field', name: 'n', value: 'v', inline: true },
      ],
    });
    expect(cut).toBe(false);
    expect(embeds).toEqual([{ title: 't', description: 'd', fields: [{ name: 'n', value: 'v', inline: true }] }]);
  });
});
