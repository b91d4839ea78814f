import { describe, expect, it } from 'vitest';
import { ephemeralText, type Reply } from '../../../src/core/message.js';
import { parseActionId } from '../../../adapters/slack/blocks.js';
import { renderReply } from '../../../adapters/slack/render.js';

describe('escaping user text', () => {
  it('never turns typed <!channel>, <@U…>, & or <tags> into pings or markup', () => {
    const hostile = 'hi <!channel> and <@U0VICTIM> & <https://evil.test|click> <b>';
    const { text, blocks } = renderReply(ephemeralText(hostile));
    const escaped = 'hi &lt;!channel&gt; and &lt;@U0VICTIM&gt; &amp; &lt;https://evil.test|click&gt; &lt;b&gt;';
    expect(text).toBe(escaped);
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: escaped } }]);
  });

  it('makes real mentions only from mention spans with a Slack user id', () => {
    const reply: Reply = {
      visibility: 'channel',
      summary: 's',
      blocks: [
        {
          kind: 'text',
          spans: [
            { mention: 'U0ALICE' },
            ' ',
            { mention: '!here' },
            ' ',
            { channel: 'C0GENERAL' },
            ' ',
            { channel: '<!everyone>' },
          ],
        },
      ],
    };
    expect(renderReply(reply).blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '<@U0ALICE> @!here <#C0GENERAL> #&lt;!everyone&gt;' } },
    ]);
  });

  it("shows times in the reader's zone with a UTC fallback, and links only for http(s)", () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      summary: 's',
      blocks: [
        {
          kind: 'text',
          spans: [
            { time: new Date('2027-01-14T17:00:00Z'), style: 'full' },
            ' | ',
            { time: new Date('2027-01-14T17:00:00Z'), style: 'date' },
            ' | ',
            { link: 'https://arxiv.org/abs/2404.09932', text: 'paper <1> | a' },
            ' | ',
            { link: 'javascript:alert(1)', text: 'no' },
          ],
        },
      ],
    };
    expect(renderReply(reply).blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            '<!date^1799946000^{date_long_pretty} {time}|2027-01-14 17:00 UTC> | <!date^1799946000^{date_long_pretty}|2027-01-14 17:00 UTC>' +
            ' | <https://arxiv.org/abs/2404.09932|paper &lt;1&gt; ¦ a> | no',
        },
      },
    ]);
  });
});

describe('rendering a whole card', () => {
  it("maps every neutral block and marks each question's origin", () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      summary: 'Challenge 3.5: Jailbreaks & prompt injection',
      blocks: [
        { kind: 'heading', text: '3.5 Jailbreaks & prompt injection' },
        {
          kind: 'text',
          spans: ['Why it matters, in ', { text: 'short', bold: true }, ': ', { text: 'in:3.5', code: true }],
        },
        {
          kind: 'fields',
          fields: [
            { label: 'Category', value: ['3 Sociotechnical'] },
            { label: 'Questions', value: ['1 paper, 12 prompts'] },
          ],
        },
        {
          kind: 'list',
          items: [
            { id: '3.5-q1', text: ['How robust can safety training be?'], origin: 'paper' },
            { id: '3.5.2-p1', text: ['What would a fair benchmark look like?'], origin: 'prompt' },
            { id: '3.5.2', text: ['Attack taxonomies'] },
          ],
        },
        { kind: 'links', links: [{ text: 'Paper §3.5', url: 'https://arxiv.org/pdf/2404.09932v2#subsection.3.5' }] },
        { kind: 'context', spans: ['Anwar et al. 2024, CC BY 4.0'] },
        { kind: 'divider' },
        {
          kind: 'buttons',
          buttons: [
            { action: 'share', value: 'challenge 3.5', label: 'Share in channel', style: 'primary' },
            { action: 'open', value: '3.5.2', label: 'Open 3.5.2' },
          ],
        },
      ],
    };
    const { text, blocks } = renderReply(reply);
    expect(text).toBe('Challenge 3.5: Jailbreaks &amp; prompt injection');
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '3.5 Jailbreaks & prompt injection', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Why it matters, in *short*: `in:3.5`' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Category*\n3 Sociotechnical' },
          { type: 'mrkdwn', text: '*Questions*\n1 paper, 12 prompts' },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            '• `3.5-q1`  How robust can safety training be?  _from the paper_\n' +
            '• `3.5.2-p1`  What would a fair benchmark look like?  _discussion prompt (ours)_\n' +
            '• `3.5.2`  Attack taxonomies',
        },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '<https://arxiv.org/pdf/2404.09932v2#subsection.3.5|Paper §3.5>' },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Anwar et al. 2024, CC BY 4.0' }] },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'ab:share:0',
            value: 'challenge 3.5',
            text: { type: 'plain_text', text: 'Share in channel', emoji: true },
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'ab:open:1',
            value: '3.5.2',
            text: { type: 'plain_text', text: 'Open 3.5.2', emoji: true },
          },
        ],
      },
    ]);
  });

  it('does not repeat an origin the core already stated in the item text', () => {
    const { blocks } = renderReply({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [
        {
          kind: 'list',
          items: [
            {
              id: '2.1-q1',
              text: ['Can ICL be explained?', ' — From the paper, §2.1.1'],
              origin: 'paper',
              originInText: true,
            },
            {
              id: '2.1.1-p1',
              text: ['Which prompt would test it?', ' — Discussion prompt (ours)'],
              origin: 'prompt',
              originInText: true,
            },
            { id: '2.1.1-p2', text: ['Which prompt would test it?'], origin: 'prompt' },
          ],
        },
      ],
    });
    expect(blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            '• `2.1-q1`  Can ICL be explained? — From the paper, §2.1.1\n' +
            '• `2.1.1-p1`  Which prompt would test it? — Discussion prompt (ours)\n' +
            '• `2.1.1-p2`  Which prompt would test it?  _discussion prompt (ours)_',
        },
      },
    ]);
  });

  it('shows the summary when a reply has no blocks, since Slack refuses an empty list', () => {
    expect(renderReply({ visibility: 'channel', summary: '3 interested <3', blocks: [] })).toEqual({
      text: '3 interested &lt;3',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '3 interested &lt;3' } }],
    });
  });

  it('leaves out empty headings, texts and context lines, which Slack would refuse', () => {
    const out = renderReply({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [
        { kind: 'heading', text: ' ' },
        { kind: 'text', spans: [''] },
        { kind: 'context', spans: [''] },
        { kind: 'text', spans: ['kept'] },
      ],
    });
    expect(out.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'kept' } }]);
  });

  it('reads action ids back into the neutral action', () => {
    expect(parseActionId('ab:share:0')).toBe('share');
    expect(parseActionId('ab:rg:join:12')).toBe('rg:join');
    expect(parseActionId('other:share:0')).toBeNull();
    expect(parseActionId('ab:share')).toBeNull();
  });

  it('keeps the core\'s "showing 10 of 34" hint under a list that fits', () => {
    const items = Array.from({ length: 3 }, (_, i) => ({ id: `3.5.${i + 1}`, text: ['x'] }));
    const { blocks } = renderReply({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [{ kind: 'list', items, more: 'showing 3 of 34 — narrow with in:3.5' }],
    });
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '• `3.5.1`  x\n• `3.5.2`  x\n• `3.5.3`  x' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'showing 3 of 34 — narrow with in:3.5' }] },
    ]);
  });
});
