/**
 * Crash recovery on Discord, through the real discord.js against the fake Discord:
 * finding a post made before a crash once the nonce window has passed, and finding the
 * thread an earlier attempt opened.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { Outbox, type FaultPoint } from '../../../src/core/jobs/outbox.js';
import type { Reply } from '../../../src/core/message.js';
import { DeliveryPorts, type DeliveryPort } from '../../../src/core/ports.js';
import { IDS } from '../../fakes/discord/index.js';
import { deliveriesDb } from '../../helpers/deliveries.js';
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
beforeEach(() => {
  // As after a long crash: Discord no longer deduplicates by nonce.
  h.fake.records.nonceWindowMs = 0;
});

const { conversation: general, destination: toGeneral } = channelOfGuild(IDS.general);
const { conversation: locked, destination: toLocked } = channelOfGuild(IDS.locked);
const longAgo = new Date('2020-01-01T00:00:00Z');
const card: Reply = {
  visibility: 'channel',
  summary: 'Research question of the week',
  blocks: [
    { kind: 'heading', text: 'Research question of the week' },
    { kind: 'text', spans: ['Which defences transfer?'] },
  ],
};
const historyReads = (channelId: string): number =>
  h.fake.records.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channelId}/messages`).length;

describe('DiscordDeliveryPort.findPosted', () => {
  it("finds the bot's earlier post by its key, past other people's messages", async () => {
    const posted = await port.post(toGeneral, card, 'digest:11:2026-W10');
    h.fake.say(IDS.general, IDS.member, { content: 'nice question' });
    expect(await port.findPosted(toGeneral, 'digest:11:2026-W10', longAgo)).toEqual(posted);
    expect(await port.findPosted(toGeneral, 'digest:11:2026-W11', longAgo)).toBeNull();
  });

  it('finds a post that has no embed of its own (the marker brings one)', async () => {
    const plain: Reply = { visibility: 'channel', summary: 'Reminder: session tomorrow', blocks: [] };
    const posted = await port.post(toGeneral, plain, 'rg:3:2:reminder');
    const body = h.fake.records.messages.find((m) => m.id === posted.messageId)?.body;
    expect(body?.['embeds']).toEqual([{ color: 0x3b6ea8, footer: { text: 'ref eIqPPCXhWRoETx1EL6KIFG70Q' } }]);
    expect(await port.findPosted(toGeneral, 'rg:3:2:reminder', longAgo)).toEqual(posted);
  });

  it('ignores the same marker on a message by someone else', async () => {
    h.fake.say(IDS.general, IDS.organiser, { embeds: [{ footer: { text: 'ref icXD5bjfPFjw24YD3WbdqPPUw' } }] });
    expect(await port.findPosted(toGeneral, 'digest:12:2026-W10', longAgo)).toBeNull();
  });

  it('does not look before `since`', async () => {
    await port.post(toGeneral, card, 'digest:13:2026-W10');
    expect(await port.findPosted(toGeneral, 'digest:13:2026-W10', new Date(Date.now() + 3600_000))).toBeNull();
  });

  it('a blind retry after the nonce window posts twice, which is why the outbox asks findPosted first', async () => {
    const first = await port.post(toGeneral, card, 'digest:14:2026-W10');
    // The nonce no longer protects: a blind retry would post twice.
    const blind = await port.post(toGeneral, card, 'digest:14:2026-W10');
    expect(blind.messageId).not.toBe(first.messageId);
    expect(await port.findPosted(toGeneral, 'digest:14:2026-W10', longAgo)).toEqual(blind);
  });

  it("finds a direct message in the person's DM channel", async () => {
    const toBen = { kind: 'user', platform: 'discord', tenantId: IDS.guild, userId: IDS.member } as const;
    const posted = await port.post(toBen, card, 'digest:15:2026-W10');
    expect(posted.conversation.channelId).toBe(h.fake.records.dmChannels.get(IDS.member));
    expect(await port.findPosted(toBen, 'digest:15:2026-W10', longAgo)).toEqual(posted);
  });

  it('pages through history, but reads at most 200 messages', async () => {
    const posted = await port.post(toLocked, card, 'digest:16:2026-W10');
    for (let i = 0; i < 150; i++) h.fake.say(IDS.locked, IDS.member, { content: `chatter ${i}` });
    const before = historyReads(IDS.locked);
    expect(await port.findPosted(toLocked, 'digest:16:2026-W10', longAgo)).toEqual(posted);
    expect(historyReads(IDS.locked) - before).toBe(2);

    for (let i = 0; i < 50; i++) h.fake.say(IDS.locked, IDS.member, { content: `more ${i}` });
    expect(await port.findPosted(toLocked, 'digest:16:2026-W10', longAgo)).toBeNull();
    expect(historyReads(IDS.locked) - before).toBe(4);
  });

  it('treats unreadable history (Missing Access) as not found, and other refusals as errors', async () => {
    h.fake.fail({ method: 'GET', path: /^\/channels\/\d+\/messages$/u, status: 403, code: 50001 });
    expect(await port.findPosted(toGeneral, 'digest:11:2026-W10', longAgo)).toBeNull();
    const gone = { kind: 'channel', conversation: { ...general, channelId: '299999999999999999' } } as const;
    await expect(port.findPosted(gone, 'digest:11:2026-W10', longAgo)).rejects.toMatchObject({
      code: '10003',
      permanent: true,
    });
  });
});

describe('DiscordDeliveryPort.openThread after a crash', () => {
  it('returns the thread an earlier attempt opened (Discord answers 160004)', async () => {
    const posted = await port.post(toGeneral, card, 'digest:17:2026-W10');
    const first = await port.openThread(posted, 'Discuss');
    const again = await port.openThread(posted, 'Discuss');
    expect(first).toEqual({ ...general, threadId: posted.messageId });
    expect(again).toEqual({ ...general, threadId: posted.messageId });
    expect(h.fake.records.threads.filter((t) => t.messageId === posted.messageId)).toHaveLength(1);
    const answers = h.fake.records.requests
      .filter((r) => r.method === 'POST' && r.path === `/channels/${IDS.general}/messages/${posted.messageId}/threads`)
      .map((r) => r.status);
    expect(answers).toEqual([200, 400]);
  });
});

describe('the outbox over Discord, crashing after the post', () => {
  it('records the earlier post and its thread instead of posting again', async () => {
    const { store, storage } = deliveriesDb();
    const clock = new ManualClock('2020-01-06T09:00:00Z');
    const ports = new DeliveryPorts();
    ports.add(port);
    const boot = (fault?: (point: FaultPoint) => Promise<void> | void): Outbox =>
      new Outbox({ ...storage, ports, clock, logger: h.logger }, [], {
        inFlight: new Map(),
        ...(fault ? { fault } : {}),
      });
    const key = 'digest:18:2026-W10';
    store.plan(
      { key, destination: toLocked, reply: card, dueAt: clock.now(), thread: { name: 'Discuss', reply: card } },
      clock.now(),
    );

    // First process: posts, then dies before recording (the promise never settles).
    let reached: () => void = () => undefined;
    const crashed = new Promise<void>((resolve) => (reached = resolve));
    void boot((point) =>
      point === 'after-post' ? (reached(), new Promise<void>(() => undefined)) : undefined,
    ).deliver(key);
    await crashed;
    const postsOfKey = (): string[] =>
      h.fake.records.messages.filter((m) => m.body['nonce'] === 'LdIzzF-jqpkzzXNp8s4yzVY_1').map((m) => m.id);
    expect(postsOfKey()).toHaveLength(1);

    const after = await boot().deliver(key);
    expect(postsOfKey()).toHaveLength(1);
    expect(after?.state).toBe('sent');
    expect(after?.posted).toEqual({ conversation: locked, messageId: postsOfKey()[0] });
    expect(after?.threadState).toBe('opened');
    expect(h.fake.records.messagesIn(postsOfKey()[0] ?? '').map((m) => m.body['content'])).toEqual([
      'Research question of the week',
    ]);
  });
});
