import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { bootCore } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { FakeDiscord, IDS, type Json } from '../../fakes/discord/index.js';
import { relatedAgenda } from '../../fixtures/related-agenda.js';

const GUILDS = 1 << 0;
const GUILD_MESSAGES = 1 << 9;
const MESSAGE_CONTENT = 1 << 15;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

interface Bot {
  readonly fake: FakeDiscord;
  /** Someone writes `content` in a channel (or thread) and the gateway tells the bot; returns the message id. */
  write(content: string, options?: { authorId?: string; channelId?: string; edited?: boolean }): string;
  /** Messages the bot posted in the thread of `messageId` (a thread started on a message has its id). */
  repliesTo(messageId: string): Json[];
}

async function startBot(inlineReferences: boolean): Promise<Bot> {
  const fake = await FakeDiscord.start();
  const core = await bootCore({
    agenda: relatedAgenda,
    backend: openSqliteBackend(openDatabase(':memory:')),
    clock: new ManualClock('2026-01-05T09:00:00Z'),
  });
  const adapter: DiscordAdapter = await startDiscord({
    config: {
      token: fake.token,
      applicationId: IDS.application,
      apiUrl: fake.apiUrl,
      ...(inlineReferences ? { inlineReferences: true as const } : {}),
    },
    dispatcher: core.dispatcher,
    logger: new MemoryLogger(),
    client: { rest: { offset: 0 } },
  });
  stop = async () => {
    await adapter.stop();
    await fake.close();
  };
  return {
    fake,
    write(content, options = {}) {
      const channelId = options.channelId ?? IDS.general;
      const id = fake.say(channelId, options.authorId ?? IDS.member, { content });
      const json = fake.records.messages.find((m) => m.id === id)?.json ?? {};
      const edited = options.edited === true ? { edited_timestamp: new Date().toISOString() } : {};
      fake.gateway.dispatch('MESSAGE_CREATE', { ...json, ...edited, guild_id: IDS.guild });
      return id;
    },
    repliesTo: (messageId) =>
      fake.records
        .messagesIn(messageId)
        .filter((m) => (m.json['author'] as Json)['id'] === IDS.application)
        .map((m) => m.body),
  };
}

/** Writes a message that does get a reply and waits for it, so the messages before it were handled. */
async function settle(bot: Bot): Promise<string> {
  const id = bot.write('and [[3.2]]');
  await bot.fake.waitFor(() => bot.repliesTo(id).length === 1, 'the reply to the last message');
  await new Promise((resolve) => setTimeout(resolve, 50));
  return id;
}

describe('inline references on Discord (real discord.js against the fake Discord)', () => {
  it('asks for the Message Content intent only when on', async () => {
    const off = await startBot(false);
    expect(off.fake.gateway.record.identifies[0]?.intents).toBe(GUILDS);
    await stop?.();
    const on = await startBot(true);
    expect(on.fake.gateway.record.identifies[0]?.intents).toBe(GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT);
  });

  it('answers once, in a thread started on the message, with at most three items', async () => {
    const bot = await startBot(true);
    const id = bot.write('Read [[3.5]], [[3.5.1]], [[2.1-q1]] and [[3.2]] please');
    await bot.fake.waitFor(() => bot.repliesTo(id).length === 1, 'the inline reply');
    expect(bot.fake.records.threads.find((t) => t.messageId === id)?.name).toBe('Agenda references');
    const content = String(bot.repliesTo(id)[0]?.['content']);
    expect(content).toContain('3.5: Challenge: Jailbreaks');
    expect(content).toContain('2.1-q1: Does in-context learning implement gradient descent on reward models?');
    expect(content).toContain('(1 more not shown.)');
    expect(content).not.toContain('3.2: ');

    // The same event again (a gateway replay after a resume): no second reply.
    const json = bot.fake.records.messages.find((m) => m.id === id)?.json ?? {};
    bot.fake.gateway.dispatch('MESSAGE_CREATE', { ...json, guild_id: IDS.guild });
    await settle(bot);
    expect(bot.repliesTo(id)).toHaveLength(1);
  });

  it('ignores code, quotes, unknown ids, edits and bots', async () => {
    const bot = await startBot(true);
    const quiet = [
      bot.write('type `[[3.5]]` like this'),
      bot.write('```\n[[3.5]]\n```'),
      bot.write('> she said [[3.5]]'),
      bot.write('>>> [[3.5]]'),
      bot.write('[[9.9]] [[3.5.9]]'),
      bot.write('[[3.5]]', { edited: true }),
      bot.write('[[3.5]]', { authorId: IDS.application }),
    ];
    const last = await settle(bot);
    for (const id of quiet) expect(bot.repliesTo(id)).toEqual([]);
    expect(bot.fake.records.threads.map((t) => t.messageId)).toEqual([last]);
  });

  it('answers a message written in a thread inside that thread', async () => {
    const bot = await startBot(true);
    const parent = await settle(bot);
    // Discord tells the bot about the thread it made, as it does for every thread in a guild.
    bot.fake.gateway.dispatch('THREAD_CREATE', {
      id: parent,
      type: 11,
      guild_id: IDS.guild,
      parent_id: IDS.general,
      name: 'Agenda references',
      owner_id: IDS.application,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString() },
      message_count: 1,
      member_count: 1,
      newly_created: true,
    });
    const inThread = bot.write('see [[3.5-q1]]', { channelId: parent });
    await bot.fake.waitFor(() => bot.repliesTo(parent).length === 2, 'the reply in the thread');
    const reply = String(bot.repliesTo(parent)[1]?.['content']);
    expect(reply).toContain('3.5-q1: How can jailbreak robustness be measured?');
    expect(bot.fake.records.threads.some((t) => t.messageId === inThread)).toBe(false);
  });
});
