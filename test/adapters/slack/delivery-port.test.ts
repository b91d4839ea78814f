import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type Destination } from '../../../src/core/ports.js';
import type { Reply } from '../../../src/core/message.js';
import { Gate, testRegistry } from './test-registry.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(testRegistry(new Gate()));
  h.slack.users.set('U0ADMIN', { id: 'U0ADMIN', is_admin: true });
  h.slack.users.set('U0OWNER', { id: 'U0OWNER', is_owner: true });
  h.slack.users.set('U0MEMBER', { id: 'U0MEMBER' });
});
afterAll(async () => {
  await h.close();
});

const card: Reply = {
  visibility: 'channel',
  summary: 'This week: 3.5.2-p1',
  blocks: [{ kind: 'heading', text: 'This week' }],
};
const channel = (channelId: string, threadId?: string): Destination => ({
  kind: 'channel',
  conversation: { platform: 'slack', tenantId: 'T0FAKE', channelId, ...(threadId ? { threadId } : {}) },
});

describe('the Slack delivery port', () => {
  it('posts a card with its idempotency key as message metadata', async () => {
    const posted = await h.running.delivery.post(channel('C0WEEKLY'), card, 'digest:sub-1:2027-W02');
    const call = h.slack.callsTo('chat.postMessage').at(-1);
    expect(call?.args).toMatchObject({
      channel: 'C0WEEKLY',
      text: 'This week: 3.5.2-p1',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'This week', emoji: true } }],
      metadata: { event_type: 'agendabot_post', event_payload: { key: 'digest:sub-1:2027-W02' } },
    });
    expect(posted).toEqual({
      conversation: { platform: 'slack', tenantId: 'T0FAKE', channelId: 'C0WEEKLY' },
      messageId: h.slack.messages.at(-1)?.ts,
    });
  });

  it('finds a post again by its key after a crash, and only that one', async () => {
    const since = new Date('2023-01-01T00:00:00Z');
    await h.running.delivery.post(channel('C0FIND'), card, 'digest:sub-2:2027-W02');
    await h.running.delivery.post(channel('C0FIND'), card, 'digest:sub-2:2027-W03');
    const found = await h.running.delivery.findPosted(channel('C0FIND'), 'digest:sub-2:2027-W02', since);
    const expected = h.slack.messages.find((m) => m.metadata?.event_payload.key === 'digest:sub-2:2027-W02');
    expect(found).toEqual({
      conversation: { platform: 'slack', tenantId: 'T0FAKE', channelId: 'C0FIND' },
      messageId: expected?.ts,
    });
    expect(h.slack.callsTo('conversations.history').at(-1)?.args).toMatchObject({
      channel: 'C0FIND',
      include_all_metadata: 'true',
    });
    expect(await h.running.delivery.findPosted(channel('C0FIND'), 'digest:sub-2:2027-W04', since)).toBeNull();
    // A post older than `since` does not count.
    expect(
      await h.running.delivery.findPosted(channel('C0FIND'), 'digest:sub-2:2027-W02', new Date('2100-01-01T00:00:00Z')),
    ).toBeNull();
  });

  it('pages through history to find an older post', async () => {
    await h.running.delivery.post(channel('C0BUSYLOG'), card, 'digest:old');
    for (let i = 0; i < 250; i += 1) await h.running.delivery.post(channel('C0BUSYLOG'), card, `chatter:${i}`);
    const before = h.slack.callsTo('conversations.history').length;
    const found = await h.running.delivery.findPosted(channel('C0BUSYLOG'), 'digest:old', new Date(0));
    expect(found?.messageId).toBe(h.slack.messages.find((m) => m.metadata?.event_payload.key === 'digest:old')?.ts);
    // 251 messages, 200 a page: the key is on the second page.
    const pages = h.slack.callsTo('conversations.history').slice(before);
    expect(pages.map((p) => p.args.cursor)).toEqual([undefined, '200']);
  });

  it('joins a public channel it is not in before reading its history, then finds the post', async () => {
    await h.running.delivery.post(channel('C0PUBLIC'), card, 'digest:public');
    h.slack.failNext('conversations.history', 'not_in_channel');
    const found = await h.running.delivery.findPosted(channel('C0PUBLIC'), 'digest:public', new Date(0));
    expect(found?.messageId).toBe(h.slack.messages.find((m) => m.metadata?.event_payload.key === 'digest:public')?.ts);
    expect(h.slack.callsTo('conversations.join').at(-1)?.args).toMatchObject({ channel: 'C0PUBLIC' });
  });

  it('reports a channel it cannot join as a permanent error instead of "not found"', async () => {
    h.slack.failNext('conversations.history', 'not_in_channel');
    h.slack.failNext('conversations.join', 'method_not_supported_for_channel_type');
    await expect(h.running.delivery.findPosted(channel('G0PRIVATE'), 'digest:x', new Date(0))).rejects.toMatchObject({
      code: 'not_in_channel',
      permanent: true,
    });
  });

  it('opens a thread as the parent ts and posts into it (found again through conversations.replies)', async () => {
    const parent = await h.running.delivery.post(channel('C0THREAD'), card, 'rg:g1:s1:kickoff');
    const thread = await h.running.delivery.openThread(parent, 'Session 1');
    expect(thread).toEqual({
      platform: 'slack',
      tenantId: 'T0FAKE',
      channelId: 'C0THREAD',
      threadId: parent.messageId,
    });
    const reply = await h.running.delivery.post({ kind: 'channel', conversation: thread! }, card, 'rg:g1:s1:thread');
    expect(h.slack.callsTo('chat.postMessage').at(-1)?.args.thread_ts).toBe(parent.messageId);
    expect(reply.conversation.threadId).toBe(parent.messageId);
    const found = await h.running.delivery.findPosted(
      { kind: 'channel', conversation: thread! },
      'rg:g1:s1:thread',
      new Date(0),
    );
    expect(found?.messageId).toBe(reply.messageId);
    expect(h.slack.callsTo('conversations.replies').at(-1)?.args).toMatchObject({
      channel: 'C0THREAD',
      ts: parent.messageId,
    });
  });

  it('sends a direct message through conversations.open', async () => {
    const posted = await h.running.delivery.post(
      { kind: 'user', platform: 'slack', tenantId: 'T0FAKE', userId: 'U0READER' },
      card,
      'digest:dm:1',
    );
    expect(h.slack.callsTo('conversations.open').at(-1)?.args).toMatchObject({ users: 'U0READER' });
    expect(posted.conversation.channelId).toBe('DU0READER');
  });

  it('updates a posted message', async () => {
    const posted = await h.running.delivery.post(channel('C0LIVE'), card, 'digest:live:1');
    await h.running.delivery.update(posted, { visibility: 'channel', summary: '3 interested', blocks: [] });
    expect(h.slack.callsTo('chat.update').at(-1)?.args).toMatchObject({
      channel: 'C0LIVE',
      ts: posted.messageId,
      text: '3 interested',
    });
  });

  it('lets workspace admins, owners and listed operators manage channels, and no one else', async () => {
    const can = (user: string) => h.running.delivery.canManageChannel('T0FAKE', user, 'C0GENERAL');
    expect(await can('U0ADMIN')).toBe(true);
    expect(await can('U0OWNER')).toBe(true);
    expect(await can('U0OPERATOR')).toBe(true);
    expect(await can('U0MEMBER')).toBe(false);
    expect(await can('U0NOBODY')).toBe(false);
  });

  it('uploads notes with files.uploadV2 into the thread', async () => {
    const thread = { platform: 'slack' as const, tenantId: 'T0FAKE', channelId: 'C0RG', threadId: '1700000300.000100' };
    await h.running.delivery.uploadText(thread, 'session-1-notes.md', 'Session 1 notes', '# Notes\n- jailbreaks');
    expect(h.slack.callsTo('files.getUploadURLExternal').at(-1)?.args).toMatchObject({
      filename: 'session-1-notes.md',
    });
    expect(h.slack.uploads.at(-1)?.body).toContain('# Notes\n- jailbreaks');
    const complete = h.slack.callsTo('files.completeUploadExternal').at(-1)?.args;
    expect(complete).toMatchObject({ channel_id: 'C0RG', thread_ts: '1700000300.000100' });
    expect(complete?.files).toEqual([{ id: h.slack.uploads.at(-1)?.id, title: 'Session 1 notes' }]);
  });

  it('reports a gone channel as a permanent DeliveryError and a Slack outage as a transient one', async () => {
    h.slack.failNext('chat.postMessage', 'channel_not_found');
    const gone = await h.running.delivery.post(channel('C0GONE'), card, 'k1').catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(DeliveryError);
    expect(gone).toMatchObject({ platform: 'slack', code: 'channel_not_found', permanent: true });

    h.slack.failNext('chat.postMessage', 'is_archived');
    await expect(h.running.delivery.post(channel('C0OLD'), card, 'k2')).rejects.toMatchObject({
      code: 'is_archived',
      permanent: true,
    });

    h.slack.failNext('chat.postMessage', 'internal_error');
    await expect(h.running.delivery.post(channel('C0OK'), card, 'k3')).rejects.toMatchObject({
      code: 'internal_error',
      permanent: false,
    });
  });

  it('gives the core a neutral reason and, for common refusals, words for the owner', async () => {
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    await expect(h.running.delivery.post(channel('C0OUT'), card, 'k4')).rejects.toMatchObject({
      reason: 'no-access',
      explanation: 'the bot is not a member of the channel (invite it)',
    });
    h.slack.failNext('chat.postMessage', 'is_archived');
    await expect(h.running.delivery.post(channel('C0OLD'), card, 'k5')).rejects.toMatchObject({
      reason: 'gone',
      explanation: 'the channel is archived',
    });
    h.slack.failNext('chat.postMessage', 'msg_too_long');
    await expect(h.running.delivery.post(channel('C0OK'), card, 'k6')).rejects.toMatchObject({
      reason: 'rejected',
      permanent: true,
    });
  });

  it('refuses to post into another workspace', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    const elsewhere: Destination = {
      kind: 'channel',
      conversation: { platform: 'slack', tenantId: 'T0OTHER', channelId: 'C0GENERAL' },
    };
    await expect(h.running.delivery.post(elsewhere, card, 'k4')).rejects.toMatchObject({
      code: 'wrong_tenant',
      permanent: true,
    });
    expect(h.slack.callsTo('chat.postMessage').length).toBe(before);
  });
});
