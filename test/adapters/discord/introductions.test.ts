import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput, IDS, type Json } from '../../fakes/discord/index.js';
import { commandAnswer, embedOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Ada (organiser), Ben (member) and Olga (owner) marked 2.1-q1 Interested under a weekly card.
  for (const user of [IDS.organiser, IDS.member, IDS.owner]) {
    await h.core.services.subscriptions.addInterest(
      'discord',
      IDS.guild,
      user,
      '2.1-q1',
      'digest:1:2026-W02',
      h.core.clock.now(),
    );
  }
});
afterAll(async () => {
  await h?.stop();
});

async function agenda(
  sub: string,
  options: Record<string, string | { channel: string }>,
  user: string,
): Promise<string> {
  const sent = h.fake.interact(chatInput('agenda', sub, options, { user }));
  const body: Json = (await commandAnswer(h.fake, sent)).body;
  return `${String(body['content'] ?? '')}${String(embedOf(body)['description'] ?? '')}`;
}

describe('introductions on Discord, through the real discord.js client', () => {
  it('says plainly that no introductions channel is set yet', async () => {
    await agenda('introductions', { setting: 'on' }, IDS.organiser);
    await agenda('introductions', { setting: 'on' }, IDS.member);
    expect(await agenda('introduce', { topic: '2.1-q1' }, IDS.organiser)).toContain(
      'No introductions channel is set in this server yet, so there is nowhere to open the private thread',
    );
    expect(h.fake.records.threads).toHaveLength(0);
  });

  it('lets only someone with Manage Channels choose the channel', async () => {
    expect(
      await agenda('introductions', { setting: 'channel', channel: { channel: IDS.general } }, IDS.member),
    ).toContain(
      'Only people with the Manage Channels or Manage Server permission can choose the introductions channel.',
    );
    expect(
      await agenda('introductions', { setting: 'channel', channel: { channel: IDS.general } }, IDS.organiser),
    ).toContain('Introductions will open as private threads in');
  });

  it('opens a private thread in that channel, adds the consenting members, posts the introduction there', async () => {
    expect(await agenda('introduce', { topic: '2.1-q1' }, IDS.organiser)).toContain('You were introduced to');
    expect(h.fake.records.threads).toHaveLength(1);
    const thread = h.fake.records.threads[0];
    expect(thread?.parentId).toBe(IDS.general);
    expect(thread?.type).toBe(12);
    expect(thread?.name).toBe('Introduction: question 2.1-q1');
    const created = h.fake.records.requests.find(
      (r) => r.method === 'POST' && r.path === `/channels/${IDS.general}/threads`,
    );
    expect(created?.body?.['invitable']).toBe(false);
    // The owner marked it Interested too, but never turned introductions on.
    expect(h.fake.records.threadMembers.get(thread?.id ?? '')).toEqual([IDS.organiser, IDS.member]);
    const posted = h.fake.records.messagesIn(thread?.id ?? '');
    expect(posted).toHaveLength(1);
    const text = JSON.stringify(posted[0]?.body);
    expect(text).toContain(`<@${IDS.organiser}>`);
    expect(text).toContain(`<@${IDS.member}>`);
    expect(text).not.toContain(IDS.owner);
    expect(posted[0]?.body['allowed_mentions']).toEqual({ parse: [], users: [IDS.organiser, IDS.member] });
  });

  it('never introduces the same two people twice for the same question', async () => {
    expect(await agenda('introduce', { topic: '2.1-q1' }, IDS.member)).toContain(
      'You have already been introduced to all of them',
    );
    expect(h.fake.records.threads).toHaveLength(1);
  });
});
