/**
 * Every place that shortens text, fed text whose cut falls inside an emoji: none may
 * leave a lone surrogate (half an emoji) for a platform to show as garbage or refuse.
 */
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../../adapters/discord/render.js';
import { cutText } from '../../../adapters/discord/embed-limits.js';
import { renderReply as renderSlack } from '../../../adapters/slack/render.js';
import { splitMrkdwn, truncateMrkdwn } from '../../../adapters/slack/split.js';
import { shareButton } from '../../../src/core/commands/share.js';
import { clip, echo } from '../../../src/core/features/lookups/format.js';
import { shareInvocation } from '../../../src/core/features/lookups/search.js';
import { cutAtSpace } from '../../../src/core/plain-summary.js';
import type { Reply } from '../../../src/core/message.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const whole = (text: string): boolean => !loneSurrogate.test(text);

/** `n` letters then emoji, so that some cut position falls between an emoji's two halves. */
const emojiAfter = (n: number, count = 40): string => `${'a'.repeat(n)}${'😀'.repeat(count)}`;

describe('no cut splits a character', () => {
  it('core helpers: echo, clip, plain summaries, share invocations and share buttons', () => {
    for (let n = 0; n < 4; n += 1) {
      expect(whole(echo(emojiAfter(n)))).toBe(true);
      expect(whole(clip(emojiAfter(n), 21))).toBe(true);
      expect(whole(cutAtSpace(emojiAfter(n), 21))).toBe(true);
      expect(whole(shareInvocation(emojiAfter(n, 60), []))).toBe(true);
      expect(whole(shareButton(`search ${emojiAfter(n, 60)}`).value)).toBe(true);
    }
  });

  it('Discord: content, embed texts, button labels', () => {
    for (let n = 0; n < 2; n += 1) {
      expect(whole(cutText(emojiAfter(n, 200), 101))).toBe(true);
      const reply: Reply = {
        visibility: 'ephemeral',
        summary: emojiAfter(n, 1100),
        blocks: [
          { kind: 'heading', text: emojiAfter(n, 200) },
          { kind: 'text', spans: [emojiAfter(n, 2100)] },
          { kind: 'buttons', buttons: [{ action: 'open', value: '1', label: emojiAfter(n, 60) }] },
        ],
      };
      const { message } = renderDiscord(reply);
      expect(whole(JSON.stringify(message).replace(/\\u[0-9a-f]{4}/gu, ''))).toBe(true);
      expect(whole(message.content)).toBe(true);
      for (const embed of message.embeds) expect(whole(`${embed.title ?? ''}${embed.description ?? ''}`)).toBe(true);
      const button = message.components[0]?.components[0];
      expect(whole(button && 'label' in button ? (button.label ?? '') : '')).toBe(true);
    }
  });

  it('Slack: fallback text, sections, headers, button labels and values', () => {
    for (let n = 0; n < 2; n += 1) {
      expect(whole(truncateMrkdwn(emojiAfter(n, 100), 51))).toBe(true);
      expect(splitMrkdwn(emojiAfter(n, 100), 51).every(whole)).toBe(true);
      const reply: Reply = {
        visibility: 'ephemeral',
        summary: emojiAfter(n, 1600),
        blocks: [
          { kind: 'heading', text: emojiAfter(n, 80) },
          { kind: 'text', spans: [emojiAfter(n, 1600)] },
          { kind: 'buttons', buttons: [{ action: 'open', value: emojiAfter(n, 1100), label: emojiAfter(n, 40) }] },
        ],
      };
      const { text, blocks } = renderSlack(reply);
      expect(whole(text)).toBe(true);
      for (const block of blocks) {
        for (const piece of JSON.stringify(block).match(/"(?:text|value)":"[^"]*"/gu) ?? [])
          expect(whole(piece)).toBe(true);
      }
    }
  });
});
