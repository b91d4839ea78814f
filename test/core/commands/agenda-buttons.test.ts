import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/message.js';
import { MemoryLogger } from '../../../src/log.js';
import { listItems, replyButtons, replyLines } from '../../helpers/replies.js';
import { makeContext, makeServices } from '../../helpers/services.js';

const logger = new MemoryLogger();
const { dispatcher } = await makeServices({ logger });
const ctx = makeContext({ actor: { platform: 'slack', tenantId: 'T9', userId: 'U777' } });

async function press(action: string, value: string): Promise<Reply> {
  const result = await dispatcher.press(action, value, ctx);
  if (!result.reply) throw new Error('expected a reply');
  // Only a successful Share redraws the pressed card; see the Share tests.
  if (action !== 'share' || result.reply.visibility !== 'channel') expect(result.update).toBeUndefined();
  return result.reply;
}

describe('Share in channel', () => {
  it('posts the lookup in the channel, naming who shared it', async () => {
    const ephemeral = await dispatcher.runText('agenda', 'challenge 3.5', ctx);
    const shared = await press('share', 'challenge 3.5');
    expect(shared.visibility).toBe('channel');
    expect(shared.summary).toBe(ephemeral.summary);
    const last = shared.blocks.at(-1);
    expect(last).toEqual({ kind: 'context', spans: ['Shared by ', { mention: 'U777' }] });
    expect(listItems(shared)).toEqual(listItems(ephemeral));
  });

  it('redraws the private card without its Share button, saying it was shared, so it cannot be shared twice', async () => {
    const ephemeral = await dispatcher.runText('agenda', 'challenge 3.5', ctx);
    const { update } = await dispatcher.press('share', 'challenge 3.5', ctx);
    if (!update) throw new Error('expected an update of the private card');
    expect(update.visibility).toBe('ephemeral');
    expect(replyButtons(update).map((b) => `${b.action}:${b.value}`)).toEqual(['open:3.5.1', 'open:3.6']);
    expect(update.blocks.at(-1)).toEqual({ kind: 'context', spans: ['Shared in the channel.'] });
    expect(listItems(update)).toEqual(listItems(ephemeral));
    expect(update.summary).toBe(`${ephemeral.summary} (Shared in the channel.)`);
  });

  it('leaves the card alone when the shared lookup fails', async () => {
    const result = await dispatcher.press('share', 'question 3.5.9-p1', ctx);
    expect(result.update).toBeUndefined();
  });

  it('drops the Share button from the shared message but keeps the open buttons', async () => {
    const shared = await press('share', 'challenge 3.5');
    expect(replyButtons(shared).map((b) => `${b.action}:${b.value}`)).toEqual(['open:3.5.1', 'open:3.6']);
    const help = await press('share', 'help');
    expect(help.blocks.some((b) => b.kind === 'buttons')).toBe(false);
  });

  it('re-runs searches with their filters', async () => {
    const shared = await press('share', 'search model in:3.5');
    expect(listItems(shared).every((i) => i.id.startsWith('3.5'))).toBe(true);
    expect(replyLines(shared)).toContain('7 matches for "model" in:3.5, best first.');
  });

  it('shares every lookup a reply offers', async () => {
    for (const text of [
      'help',
      'category 2',
      'challenge 2.6',
      'challenge 2.6.3',
      'question 2.1-q2',
      'search backdoor',
      'random',
    ]) {
      const reply = await dispatcher.runText('agenda', text, ctx);
      const share = replyButtons(reply).find((b) => b.action === 'share');
      if (!share) throw new Error(`no Share button on ${text}`);
      const shared = await press('share', share.value);
      expect(shared.visibility).toBe('channel');
      expect(listItems(shared)).toEqual(listItems(reply));
    }
  });

  it('refuses values that are not read-only lookups', async () => {
    expect((await press('share', 'random')).summary).toMatch(/^`random` is not a `\/agenda` command\./u);
    expect((await press('share', 'subscribe #general')).summary).toMatch(/^`subscribe` is not a `\/agenda` command\./u);
    expect((await press('share', 'x'.repeat(91))).summary).toBe('That Share button is damaged. Run the command again.');
  });

  it('passes lookup errors through as specific replies', async () => {
    const reply = await press('share', 'question 3.5.9-p1');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.summary).toBe(
      'No question 3.5.9-p1. Subsection 3.5.9 does not exist; challenge 3.5 has subsections 3.5.1 to 3.5.7.',
    );
  });
});

describe('open', () => {
  it.each([
    ['3', '§3 Methods for building and deploying LLMs'],
    ['3.6', '3.6 Vulnerability to data poisoning and backdoors is poorly understood'],
    ['3.6.2', '§3.6.2 Which training stages are robust or vulnerable'],
    ['3.6.2-p1', 'Question 3.6.2-p1'],
    ['2.1-q2', 'Question 2.1-q2'],
  ])('opens %s for the presser only', async (id, heading) => {
    const reply = await press('open', id);
    expect(reply.visibility).toBe('ephemeral');
    expect(replyLines(reply)[0]).toBe(heading);
  });

  it('opens what search hits point at', async () => {
    const search = await dispatcher.runText('agenda', 'search backdoor', ctx);
    const open = replyButtons(search).find((b) => b.action === 'open');
    expect(open?.value).toBe('3.6.6');
    expect(replyLines(await press('open', open?.value ?? ''))[0]).toMatch(/^§3\.6\.6 /u);
  });

  it('explains stale or forged ids', async () => {
    expect((await press('open', '9.9')).summary).toBe(
      '`9.9` is no longer in the agenda. Run the command again for fresh buttons.',
    );
    expect((await press('open', '3.5.9-p1')).summary).toBe(
      'No question 3.5.9-p1. Subsection 3.5.9 does not exist; challenge 3.5 has subsections 3.5.1 to 3.5.7.',
    );
  });

  it('never turned any press into an internal error', () => {
    expect(logger.records.filter((r) => r.level === 'error')).toEqual([]);
  });
});
