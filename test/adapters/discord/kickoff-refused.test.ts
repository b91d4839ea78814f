/**
 * `/readinggroup create` where Discord refuses the bot's post (403: Missing Access 50001,
 * Missing Permissions 50013) says so and what to do; it never claims the card is there
 * (issue 10, item 6). Through the real discord.js against the fake Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput, IDS } from '../../fakes/discord/index.js';
import { commandAnswer, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.core.clock.set('2026-01-05T09:00:00Z');
});
afterAll(async () => {
  await h?.stop();
});

async function create(name: string): Promise<string> {
  const sent = h.fake.interact(
    chatInput('readinggroup', 'create', { name, syllabus: '2.1', start: '2026-01-15' }, { user: IDS.organiser }),
  );
  return String((await commandAnswer(h.fake, sent)).body['content']);
}

const fix = (id: number) =>
  `The group is paused until that is fixed: invite the bot to this channel (or let it post here), then run ` +
  `\`/readinggroup resume ${id}\`. To meet in another channel instead, run \`/readinggroup archive ${id}\` and create the group there.`;

describe('a kickoff card Discord refuses', () => {
  it.each([
    [50013, 'the bot lacks permission to post there', 'Missing RG', 1],
    [50001, 'the bot has no access to the channel', 'Hidden RG', 2],
  ])('403 with code %i: says what happened and what to do', async (code, why, name, id) => {
    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/u, status: 403, code });
    // The content is the plain summary, Markdown-escaped: compare it unescaped.
    expect((await create(name)).replaceAll('\\`', '`')).toBe(
      `Created "${name}" with 1 session; you are its organiser. Its kickoff card could not be posted in this channel: ${why}. ${fix(id)}`,
    );
    expect((await h.core.services.readingGroups.store.group('discord', IDS.guild, id))?.status).toBe('paused');
  });
});
