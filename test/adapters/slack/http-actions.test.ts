import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gate, testRegistry } from './test-registry.js';
import { startHarness, type Harness } from './harness.js';
import { blockActionsPayload, viewSubmissionPayload } from '../../fakes/slack/signed-requests.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(testRegistry(new Gate()));
});
afterAll(async () => {
  await h.close();
});

function press(actionId: string, value: string, extra: Partial<Parameters<typeof blockActionsPayload>[0]> = {}) {
  const responseUrl = h.slack.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  return { id, send: () => h.interact(blockActionsPayload({ actionId, value, responseUrl, ...extra })) };
}

describe('buttons and forms on Slack, through the real Bolt', () => {
  it('Share in channel posts the card for everyone with chat.postMessage', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    const sent = await press('ab:share:0', 'challenge 3.5', { channelId: 'C0RESEARCH', userId: 'U0SHARER' }).send();
    expect(sent.status).toBe(200);
    await h.slack.until(() => h.slack.callsTo('chat.postMessage').length > before);
    const call = h.slack.callsTo('chat.postMessage').at(-1);
    expect(call?.args).toMatchObject({
      channel: 'C0RESEARCH',
      text: 'Shared: challenge 3.5',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Shared: challenge 3.5' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'shared by <@U0SHARER>' }] },
      ],
    });
    expect(call?.args.thread_ts).toBeUndefined();
  });

  it('a channel reply to a button inside a thread goes into that thread', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    await press('ab:whereami:0', '', { messageTs: '1700000100.000200', threadTs: '1700000050.000100' }).send();
    await h.slack.until(() => h.slack.callsTo('chat.postMessage').length > before);
    expect(h.slack.callsTo('chat.postMessage').at(-1)?.args).toMatchObject({
      thread_ts: '1700000050.000100',
      text: 'thread 1700000050.000100',
    });
  });

  it('an update replaces a channel message with chat.update, and an ephemeral one through its response_url', async () => {
    const posted = await h.running.delivery.post(
      { kind: 'channel', conversation: { platform: 'slack', tenantId: 'T0FAKE', channelId: 'C0GENERAL' } },
      { visibility: 'channel', summary: 'card', blocks: [] },
      'key-update',
    );
    await press('ab:refresh:0', 'count', { messageTs: posted.messageId }).send();
    await h.slack.until(() => h.slack.callsTo('chat.update').length > 0);
    expect(h.slack.callsTo('chat.update').at(-1)?.args).toMatchObject({
      channel: 'C0GENERAL',
      ts: posted.messageId,
      text: `refreshed count on ${posted.messageId}`,
    });

    const ephemeral = press('ab:refresh:0', 'count');
    await ephemeral.send();
    const body = await h.responseTo(ephemeral.id);
    expect(body).toMatchObject({ replace_original: true, text: 'refreshed count on an ephemeral message' });
  });

  it('a form opens with views.open and its submission reaches the core with the channel it came from', async () => {
    await press('ab:note:0', 'rg-7', {
      channelId: 'C0RG',
      messageTs: '1700000200.000100',
      triggerId: '999.888.ghi',
    }).send();
    await h.slack.until(() => h.slack.callsTo('views.open').length > 0);
    const open = h.slack.callsTo('views.open')[0];
    expect(open?.args.trigger_id).toBe('999.888.ghi');
    const view = open?.args.view as {
      callback_id: string;
      private_metadata: string;
      title: { text: string };
      blocks: unknown[];
    };
    expect(view.callback_id).toBe('ab-modal:note');
    expect(view.title.text).toBe('Add a note to this sess…');
    expect(view.blocks).toEqual([
      {
        type: 'input',
        block_id: 'text',
        optional: false,
        label: { type: 'plain_text', text: 'Your note' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 500 },
      },
    ]);

    const before = h.slack.callsTo('chat.postMessage').length;
    const submitted = await h.interact(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        inputs: { text: 'Read §3.5.2 <!here>' },
      }),
    );
    expect(submitted.status).toBe(200);
    await h.slack.until(() => h.slack.callsTo('chat.postMessage').length > before);
    expect(h.slack.callsTo('chat.postMessage').at(-1)?.args).toMatchObject({
      channel: 'C0RG',
      text: 'Noted for rg-7: Read §3.5.2 &lt;!here&gt;',
    });
  });

  it('a refusal from the core reaches only the presser', async () => {
    const refused = press('ab:refuse:0', '');
    await refused.send();
    const body = await h.responseTo(refused.id);
    expect(body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Only organisers can do that.',
    });
  });

  it('a failed Web API call gives the presser a reference id, logged with that id', async () => {
    h.slack.failNext('chat.postMessage', 'internal_error');
    const shared = press('ab:share:0', 'challenge 3.5');
    await shared.send();
    const body = await h.responseTo(shared.id);
    const ref = /reference ([0-9a-z]{6})/u.exec(String(body.text))?.[1];
    expect(ref).toBeDefined();
    expect(body.response_type).toBe('ephemeral');
    const logged = h.logger.records.find((r) => (r.fields as { ref?: string }).ref === ref);
    expect(logged?.message).toBe('slack call failed');
    expect((logged?.fields as { error: { code: string } }).error.code).toBe('internal_error');
  });

  it('says how to fix it when the bot is not in the channel', async () => {
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    const shared = press('ab:share:0', 'challenge 3.5', { channelId: 'C0PRIVATE' });
    await shared.send();
    const body = await h.responseTo(shared.id);
    expect(String(body.text)).toMatch(
      /^I could not post there: I am not a member of this conversation\. Invite me with `\/invite @agendabot` and try again \(reference [0-9a-z]{6}\)\.$/u,
    );
  });

  it('retries a rate-limited call after its Retry-After and then succeeds', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    h.slack.rateLimitNext('chat.postMessage', 1);
    const shared = press('ab:share:0', 'search jailbreak', { channelId: 'C0BUSY' });
    await shared.send();
    await h.slack.until(() => h.slack.callsTo('chat.postMessage').length >= before + 2);
    const calls = h.slack.callsTo('chat.postMessage').slice(before);
    expect(calls.map((c) => c.args.channel)).toEqual(['C0BUSY', 'C0BUSY']);
    await h.slack.until(() => h.slack.messages.some((m) => m.channel === 'C0BUSY'));
    expect(h.slack.messages.filter((m) => m.channel === 'C0BUSY')).toHaveLength(1);
  });
});
