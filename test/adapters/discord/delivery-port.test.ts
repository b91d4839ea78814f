import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonceOf } from '../../../adapters/discord/delivery-port.js';
import type { DeliveryPort } from '../../../src/core/ports.js';
import { DeliveryError } from '../../../src/core/ports.js';
import type { Reply } from '../../../src/core/message.js';
import { IDS } from '../../fakes/discord/index.js';
import { channelOfGuild, startHarness, type Harness } from './harness.js';

let h: Harness;
let port: DeliveryPort;
beforeAll(async () => {
  h = await startHarness();
  port = h.adapter.delivery;
});
afterAll(async () => {
  await h?.stop();
});

const { conversation: general, destination: toGeneral } = channelOfGuild(IDS.general);
const question: Reply = {
  visibility: 'channel',
  summary: 'This week: 3.5.2-p1',
  blocks: [
    { kind: 'heading', text: 'Question of the week' },
    { kind: 'list', items: [{ id: '3.5.2-p1', text: ['Which defences transfer?'], origin: 'prompt' }] },
  ],
};

describe('DiscordDeliveryPort', () => {
  it('posts to a channel with a nonce from the idempotency key, enforced', async () => {
    const posted = await port.post(toGeneral, question, 'digest:1:2026-W02');
    const [message] = h.fake.records.messagesIn(IDS.general);
    expect(posted).toEqual({ conversation: general, messageId: message?.id });
    expect(message?.body['nonce']).toBe(nonceOf('digest:1:2026-W02'));
    expect(message?.body['enforce_nonce']).toBe(true);
    expect(message?.body['content']).toBe('This week: 3.5.2-p1');
    expect(message?.body['allowed_mentions']).toEqual({ parse: [] });
    expect(message?.body['flags']).toBeUndefined();
    // The key's hash rides in the embed footer, where history returns it (see findPosted).
    expect((message?.body['embeds'] as { footer?: unknown }[] | undefined)?.[0]?.footer).toEqual({
      text: 'ref FQsxpUQCO5FlcFNS9oXr94Zb0',
    });
  });

  it('a retried post with the same key does not post twice', async () => {
    const first = await port.post(toGeneral, question, 'digest:2:2026-W02');
    const again = await port.post(toGeneral, question, 'digest:2:2026-W02');
    expect(again.messageId).toBe(first.messageId);
    expect(h.fake.records.messagesIn(IDS.general).filter((m) => m.id === first.messageId)).toHaveLength(1);
  });

  it('nonces are short and stable', () => {
    expect(nonceOf('digest:1:2026-W02')).toBe('FQsxpUQCO5FlcFNS9oXr94Zb0');
    expect(nonceOf('digest:1:2026-W02')).toBe(nonceOf('digest:1:2026-W02'));
    expect(nonceOf('digest:1:2026-W03')).not.toBe(nonceOf('digest:1:2026-W02'));
  });

  it('opens a thread under a post that archives after a week', async () => {
    const posted = await port.post(toGeneral, question, 'digest:3:2026-W02');
    const thread = await port.openThread(posted, 'Discuss: 3.5.2-p1');
    const [record] = h.fake.records.threads;
    expect(record).toEqual({
      id: thread?.threadId,
      parentId: IDS.general,
      messageId: posted.messageId,
      name: 'Discuss: 3.5.2-p1',
      autoArchiveDuration: 10080,
    });
    expect(thread).toEqual({ ...general, threadId: record?.id });
  });

  it('posts into a thread when the conversation is one', async () => {
    const posted = await port.post(toGeneral, question, 'digest:4:2026-W02');
    const thread = await port.openThread(posted, 'Thread');
    if (!thread) throw new Error('expected a thread');
    await port.post({ kind: 'channel', conversation: thread }, { ...question, summary: 'Reminder' }, 'rg:1:1:reminder');
    expect(h.fake.records.messagesIn(thread.threadId ?? '').map((m) => m.body['content'])).toEqual(['Reminder']);
  });

  it('sends a direct message through a DM channel, and has no threads there', async () => {
    const posted = await port.post(
      { kind: 'user', platform: 'discord', tenantId: IDS.guild, userId: IDS.member },
      question,
      'digest:5:2026-W02',
    );
    const dmChannel = h.fake.records.dmChannels.get(IDS.member);
    expect(posted.conversation).toEqual({ platform: 'discord', tenantId: IDS.guild, channelId: dmChannel });
    expect(h.fake.records.messagesIn(dmChannel ?? '')).toHaveLength(1);
    expect(await port.openThread(posted, 'Discuss')).toBeNull();
  });

  it('updates a posted message in place', async () => {
    const posted = await port.post(toGeneral, question, 'rg:2:1:kickoff');
    await port.update(posted, { ...question, summary: '3 going' });
    expect(h.fake.records.messages.find((m) => m.id === posted.messageId)?.body['content']).toBe('3 going');
  });

  it('uploads notes as a text file', async () => {
    await port.uploadText(general, 'notes-3.5.txt', 'Notes: *3.5*', 'line one\nline two');
    const message = h.fake.records.messagesIn(IDS.general).at(-1);
    expect(message?.files).toEqual([{ name: 'notes-3.5.txt', content: 'line one\nline two' }]);
    expect(message?.body['content']).toBe('Notes: \\*3.5\\*');
  });

  it('links a thread (a reading-group session thread, for calendars) as its channel in the server', async () => {
    const thread = { ...general, threadId: '123456789012345678' };
    expect(await port.threadLink?.(thread)).toBe(`https://discord.com/channels/${IDS.guild}/123456789012345678`);
  });

  it('lets owners, Manage Channels holders and Manage Server holders manage; not plain members or other servers', async () => {
    expect(await port.canManageChannel(IDS.guild, IDS.owner, IDS.general)).toBe(true);
    expect(await port.canManageChannel(IDS.guild, IDS.organiser, IDS.general)).toBe(true);
    expect(await port.canManageChannel(IDS.guild, IDS.member, IDS.general)).toBe(false);
    // The locked channel's overwrite denies Manage Channels to the organisers role.
    expect(await port.canManageChannel(IDS.guild, IDS.organiser, IDS.locked)).toBe(false);
  });

  it('treats an unknown member or channel as not manageable rather than failing', async () => {
    expect(await port.canManageChannel(IDS.guild, '399999999999999999', IDS.general)).toBe(false);
    expect(await port.canManageChannel(IDS.guild, IDS.organiser, '299999999999999999')).toBe(false);
  });

  it("reports a vanished channel as a permanent DeliveryError with Discord's code", async () => {
    const gone = { kind: 'channel', conversation: { ...general, channelId: '299999999999999999' } } as const;
    await expect(port.post(gone, question, 'digest:6:2026-W02')).rejects.toMatchObject({
      platform: 'discord',
      code: '10003',
      permanent: true,
    });
  });

  it('reports missing permissions as permanent and a persistent 5xx as transient', async () => {
    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/u, status: 403, code: 50013 });
    const refused = port.post(toGeneral, question, 'digest:7:2026-W02');
    await expect(refused).rejects.toBeInstanceOf(DeliveryError);
    await expect(refused).rejects.toMatchObject({ code: '50013', permanent: true });

    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/u, status: 503, times: 4 });
    await expect(port.post(toGeneral, question, 'digest:8:2026-W02')).rejects.toMatchObject({
      code: 'http-503',
      permanent: false,
    });
  });

  it('gives the core a neutral reason and, for common refusals, words for the owner', async () => {
    const gone = { kind: 'channel', conversation: { ...general, channelId: '299999999999999999' } } as const;
    await expect(port.post(gone, question, 'digest:9:2026-W02')).rejects.toMatchObject({
      reason: 'gone',
      explanation: 'the channel no longer exists',
    });
    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/u, status: 403, code: 50013 });
    await expect(port.post(toGeneral, question, 'digest:10:2026-W02')).rejects.toMatchObject({
      reason: 'no-access',
      explanation: 'the bot lacks permission to post there',
    });
    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/u, status: 503, times: 4 });
    await expect(port.post(toGeneral, question, 'digest:11:2026-W02')).rejects.toMatchObject({ reason: 'transient' });
  });
});
