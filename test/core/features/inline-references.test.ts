import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootCore } from '../../../src/boot.js';
import type { ChannelMessage } from '../../../src/core/channel-message.js';
import { ManualClock } from '../../../src/core/clock.js';
import { markupSegments } from '../../../src/core/text/markup-segments.js';
import { openDatabase, type Db } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { relatedAgenda } from '../../fixtures/related-agenda.js';
import { listItems, listMore, replyLines } from '../../helpers/replies.js';

async function core(db: Db = openDatabase(':memory:')) {
  return await bootCore({
    agenda: relatedAgenda,
    backend: openSqliteBackend(db),
    clock: new ManualClock('2026-01-05T09:00:00Z'),
  });
}

let nextId = 1;
function message(text: string, overrides: Partial<ChannelMessage> = {}): ChannelMessage {
  nextId += 1;
  return {
    conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' },
    messageId: `m${nextId}`,
    authorId: 'U1',
    fromBot: false,
    edited: false,
    segments: markupSegments(text),
    ...overrides,
  };
}

describe('inline references through the core', () => {
  it('answers the references in plain text, each question with its origin', async () => {
    const reply = await (
      await core()
    ).dispatcher.message(message('Before Thursday, read [[3.5]] and think about [[2.1-q1]].'));
    expect(reply?.visibility).toBe('channel');
    expect(listItems(reply!).map((i) => [i.id, i.origin ?? null])).toEqual([
      ['3.5', null],
      ['2.1-q1', 'paper'],
    ]);
    expect(replyLines(reply!)).toEqual([
      '[3.5] Challenge: Jailbreaks',
      '[2.1-q1] Does in-context learning implement gradient descent on reward models? — from the paper, §2.1.1',
      '§3.5 in the paper <https://example.org/paper#s3.5>',
      '§2.1 in the paper <https://example.org/paper#s2.1>',
      'See more with /agenda question, /agenda challenge or /agenda related.',
    ]);
    expect(reply?.summary).toBe(
      '3.5: Challenge: Jailbreaks\n' +
        '2.1-q1: Does in-context learning implement gradient descent on reward models? — from the paper, §2.1.1',
    );
  });

  it('reads subsections and loose spellings', async () => {
    const reply = await (await core()).dispatcher.message(message('[[3.2.1]] vs [[ 3.5.1 P2 ]] vs [[§3.2-q1]]'));
    expect(listItems(reply!).map((i) => i.id)).toEqual(['3.2.1', '3.5.1-p2', '3.2-q1']);
    expect(replyLines(reply!)[0]).toBe('[3.2.1] Subsection: Reward model overoptimisation (challenge 3.2)');
  });

  it('ignores references inside code spans, code blocks and quotes', async () => {
    const { dispatcher } = await core();
    expect(await dispatcher.message(message('type `[[3.5]]` to reference a challenge'))).toBeUndefined();
    expect(await dispatcher.message(message('```\nnotes: [[3.5]] [[2.1-q1]]\n```'))).toBeUndefined();
    expect(await dispatcher.message(message('> Ada wrote: see [[3.5]]\nI disagree.'))).toBeUndefined();
    expect(await dispatcher.message(message('my reply\n>>> quoted:\n[[3.5]]'))).toBeUndefined();
    const mixed = await dispatcher.message(message('> see [[3.5]]\nrather [[3.2]], not `[[2.1]]`'));
    expect(listItems(mixed!).map((i) => i.id)).toEqual(['3.2']);
  });

  it('says nothing for ids the agenda does not have, and leaves them out of a reply', async () => {
    const { dispatcher } = await core();
    expect(await dispatcher.message(message('see [[9.9]], [[3.5.9]] and [[2.1-q7]]'))).toBeUndefined();
    expect(await dispatcher.message(message('no references here, not even [3.5] or [[jailbreaks]]'))).toBeUndefined();
    const some = await dispatcher.message(message('[[9.9]] and [[3.5-q1]]'));
    expect(listItems(some!).map((i) => i.id)).toEqual(['3.5-q1']);
  });

  it('shows at most three items and says how many more there were', async () => {
    const reply = await (
      await core()
    ).dispatcher.message(message('[[2.1]] [[3.2]] [[3.5]] [[3.2.1]] [[2.1-q1]] [[3.5]]'));
    expect(listItems(reply!).map((i) => i.id)).toEqual(['2.1', '3.2', '3.5']);
    expect(listMore(reply!)).toBe('2 more not shown (at most 3 per message)');
  });

  it('replies once per message: a second event and an edit bring nothing', async () => {
    const { dispatcher } = await core();
    const first = message('see [[3.5]]', { messageId: '1700000000.000100' });
    expect(await dispatcher.message(first)).toBeDefined();
    expect(await dispatcher.message(first)).toBeUndefined();
    const edit = { ...first, edited: true, segments: markupSegments('see [[3.5]] and [[3.2]]') };
    expect(await dispatcher.message(edit)).toBeUndefined();
    // The same message id in another channel is another message.
    const elsewhere = { ...first, conversation: { ...first.conversation, channelId: 'C2' } };
    expect(await dispatcher.message(elsewhere)).toBeDefined();
  });

  it('does not answer an edit even when the original had no references', async () => {
    const edited = message('now with [[3.5]]', { edited: true });
    expect(await (await core()).dispatcher.message(edited)).toBeUndefined();
  });

  it("ignores the bot's own messages and other bots'", async () => {
    expect(await (await core()).dispatcher.message(message('[[3.5]]', { fromBot: true }))).toBeUndefined();
  });

  it('lets only one of two processes on the same database reply', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'agendabot-inline-')), 'bot.db');
    const [one, two] = await Promise.all([core(openDatabase(path)), core(openDatabase(path))]);
    const event = message('[[3.5]]', { messageId: '1700000000.000200' });
    const replies = await Promise.all([one.dispatcher.message(event), two.dispatcher.message(event)]);
    expect(replies.filter((r) => r !== undefined)).toHaveLength(1);
  });
});

describe('markup segments', () => {
  it('marks code blocks, code spans and quoted lines, keeping the rest plain', () => {
    expect(markupSegments('a `b` c\n> d\n```e```')).toEqual([
      { text: 'a ', kind: 'plain' },
      { text: 'b', kind: 'code' },
      { text: ' c', kind: 'plain' },
      { text: '\n', kind: 'plain' },
      { text: '> d', kind: 'quote' },
      { text: '\n', kind: 'plain' },
      { text: 'e', kind: 'code' },
    ]);
  });

  it('leaves an unclosed backtick or fence as plain text', () => {
    expect(markupSegments('it`s [[3.5]]')).toEqual([
      { text: 'it', kind: 'plain' },
      { text: '`s [[3.5]]', kind: 'plain' },
    ]);
    expect(markupSegments('```[[3.5]]').map((s) => s.kind)).not.toContain('code');
  });
});
