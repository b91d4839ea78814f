/**
 * Property tests: any reply the core's types allow, however long, empty or odd its
 * text, renders to a message that Slack and Discord accept, and the closing small print
 * (attribution) is always there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../adapters/discord/render.js';
import { renderReply as renderSlack } from '../../adapters/slack/render.js';
import type { Block, Reply, Span } from '../../src/core/message.js';
import { discordProblems, slackProblems } from '../helpers/platform-limits.js';

const tricky = fc.constantFrom(
  '<',
  '>',
  '&',
  '&amp;',
  '*',
  '_',
  '`',
  '|',
  '😀',
  '👩‍👩‍👧',
  '🇫🇷',
  'e\u0301',
  '\n',
  ' ',
  '<@U123>',
  '<!channel>',
  '\u200d',
);
const chunk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  tricky,
  fc
    .tuple(fc.constantFrom('word ', 'line\n', '😀', 'a', 'é '), fc.integer({ min: 1, max: 1500 }))
    .map(([s, n]) => s.repeat(n)),
);
const text = fc.array(chunk, { maxLength: 8 }).map((parts) => parts.join(''));
const url = fc.oneof(
  fc.webUrl(),
  fc.constant(`https://example.org/${'p'.repeat(3100)}`),
  fc.constant('javascript:alert(1)'),
  text,
);

const span: fc.Arbitrary<Span> = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.record({ text, bold: fc.boolean(), italic: fc.boolean(), code: fc.boolean() }),
  fc.record({ link: url, text }),
  fc.record({ mention: fc.constantFrom('U123ABC', '300000000000000001', 'x', '') }),
  fc.record({ channel: fc.constantFrom('C123ABC', '300000000000000002', '') }),
  fc.record({
    time: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2100-01-01') }),
    style: fc.constantFrom<'full' | 'date' | 'time' | 'relative'>('full', 'date', 'time', 'relative'),
  }),
);
const spans = fc.array(span, { maxLength: 6 });

const button = fc
  .record({
    action: fc.stringMatching(/^[a-z-]{1,16}$/u),
    value: text,
    label: text,
    style: fc.constantFrom<'primary' | 'danger' | undefined>(undefined, 'primary', 'danger'),
  })
  .map(({ style, ...rest }) => (style ? { ...rest, style } : rest));

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ kind: fc.constant('heading' as const), text }),
  fc.record({ kind: fc.constant('text' as const), spans }),
  fc.record({
    kind: fc.constant('fields' as const),
    fields: fc.array(fc.record({ label: text, value: spans }), { maxLength: 30 }),
  }),
  fc.record(
    {
      kind: fc.constant('list' as const),
      items: fc.array(
        fc.record({
          id: fc.string({ maxLength: 12 }),
          text: spans,
          origin: fc.constantFrom<'paper' | 'prompt'>('paper', 'prompt'),
        }),
        { maxLength: 60 },
      ),
      more: text,
    },
    { requiredKeys: ['kind', 'items'] },
  ),
  fc.record({ kind: fc.constant('links' as const), links: fc.array(fc.record({ text, url }), { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('context' as const), spans }),
  fc.constant({ kind: 'divider' as const }),
  fc.record({ kind: fc.constant('buttons' as const), buttons: fc.array(button, { maxLength: 12 }) }),
);

const reply: fc.Arbitrary<Reply> = fc.record({
  visibility: fc.constantFrom<'ephemeral' | 'channel'>('ephemeral', 'channel'),
  summary: text,
  blocks: fc.array(block, { maxLength: 14 }),
});

const ATTRIBUTION = 'Agenda: Test et al. (2024), CC BY 4.0.';

describe('any reply renders to a message both platforms accept', () => {
  it('Discord: within every embed, content and component limit', () => {
    fc.assert(
      fc.property(reply, (r) => {
        expect(discordProblems(renderDiscord(r).message)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('Slack: within every block limit, no markup split, nothing empty', () => {
    fc.assert(
      fc.property(reply, (r) => {
        expect(slackProblems(renderSlack(r))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('keeps the closing attribution on both platforms, whatever comes before it', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const withCredit: Reply = { ...r, blocks: [...r.blocks, { kind: 'context', spans: [ATTRIBUTION] }] };
        const discord = renderDiscord(withCredit).message;
        expect(discord.embeds.at(-1)?.description?.endsWith(`*${ATTRIBUTION}*`)).toBe(true);
        expect(discordProblems(discord)).toEqual([]);
        const slack = renderSlack(withCredit);
        expect(JSON.stringify(slack.blocks)).toContain(ATTRIBUTION);
        expect(slackProblems(slack)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  }, 30_000);
});
