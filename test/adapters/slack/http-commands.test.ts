import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gate, testRegistry } from './test-registry.js';
import { BOT_TOKEN, SIGNING_SECRET, startHarness, type Harness } from './harness.js';

const gate = new Gate();
let h: Harness;

beforeAll(async () => {
  h = await startHarness(testRegistry(gate), undefined, { replyBudgetMs: 50 });
});
afterAll(async () => {
  gate.open();
  await h.close();
});

describe('Slack /agenda over HTTP, through the real Bolt', () => {
  it('checks the bot token with auth.test at start, through SLACK_API_URL', () => {
    const auth = h.slack.callsTo('auth.test');
    // Once: the adapter's own check; Bolt is given the bot's ids and does not ask again.
    expect(auth).toHaveLength(1);
    expect(auth[0]?.token).toBe(BOT_TOKEN);
  });

  it('answers in the acknowledgment itself (one round trip), ephemerally with blocks and a fallback', async () => {
    const sent = await h.command('echo hello world');
    expect(sent.status).toBe(200);
    expect(h.slack.responses.some((r) => r.id === sent.responseId)).toBe(false);
    const body = JSON.parse(sent.body) as unknown;
    expect(body).toEqual({
      response_type: 'ephemeral',
      text: 'You said: hello world',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'You said: hello world' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'ab:share:0',
              value: 'echo hello world',
              text: { type: 'plain_text', text: 'Share in channel', emoji: true },
              style: 'primary',
            },
          ],
        },
      ],
    });
  });

  it('acknowledges empty when the core is slower than the budget, then answers through the response_url', async () => {
    const sent = await h.command('slow');
    // The ack came back while the command is still waiting at the gate.
    expect(sent.status).toBe(200);
    expect(sent.body).toBe('');
    await h.slack.until(() => gate.entered);
    expect(h.slack.responses.some((r) => r.id === sent.responseId)).toBe(false);
    gate.open();
    const body = await h.responseTo(sent.responseId);
    expect(body.text).toBe('finally done');
  });

  it('passes workspace, channel, user and DM-ness to the core', async () => {
    const sent = await h.command('where', {
      team_id: 'T0FAKE',
      channel_id: 'D0DIRECT',
      channel_name: 'directmessage',
      user_id: 'U0ME',
    });
    const body = await h.responseTo(sent.responseId);
    expect(body.text).toBe('tenant T0FAKE channel D0DIRECT user U0ME direct true');
  });

  it("answers a bad subcommand with the core's specific message, ephemerally", async () => {
    const sent = await h.command('shout loudly');
    const body = await h.responseTo(sent.responseId);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe(
      '`shout` is not a `/agenda` command. Commands: echo, slow, boom, where. Try `/agenda help`.',
    );
  });

  it('shows only a reference id for an unexpected core error, and logs it with that id', async () => {
    const sent = await h.command('boom');
    const body = await h.responseTo(sent.responseId);
    const text = String(body.text);
    const ref = /reference ([0-9a-z]{6})/u.exec(text)?.[1];
    expect(ref).toBeDefined();
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('/secret/path');
    const logged = h.logger.records.find((r) => r.level === 'error' && (r.fields as { ref?: string }).ref === ref);
    expect(logged?.message).toBe('command failed');
  });

  it('falls back to an ephemeral Web API message, with a reference id, when the response_url is refused', async () => {
    const before = h.slack.callsTo('chat.postEphemeral').length;
    h.slack.expireResponseUrl('cmd-expired');
    // Only a reply slower than the budget goes to the response_url.
    gate.close();
    const late = { response_url: h.slack.responseUrl('cmd-expired'), channel_id: 'C0LATE', user_id: 'U0LATE' };
    const sent = await h.command('slow', late);
    expect(sent.status).toBe(200);
    gate.open();
    await h.slack.until(() => h.slack.callsTo('chat.postEphemeral').length > before);
    const args = h.slack.callsTo('chat.postEphemeral').at(-1)?.args;
    expect(args).toMatchObject({ channel: 'C0LATE', user: 'U0LATE' });
    const ref = /reference ([0-9a-z]{6})/u.exec(String(args?.text))?.[1];
    expect(ref).toBeDefined();
    const logged = h.logger.records.find((r) => (r.fields as { ref?: string }).ref === ref);
    expect(logged?.message).toBe('slack call failed');
  });

  it('rejects a request signed with the wrong secret with 401 and runs nothing', async () => {
    const before = h.slack.responses.length;
    const sent = await h.command('echo forged', {}, { wrongSecret: 'not-the-secret' });
    expect(sent.status).toBe(401);
    // A good request afterwards is answered; the forged one never was.
    const good = await h.command('echo after');
    expect((await h.responseTo(good.responseId)).text).toBe('You said: after');
    // Both answered (or refused) in the HTTP answer: nothing went to a response_url.
    expect(h.slack.responses.length).toBe(before);
    expect(h.slack.responses.some((r) => r.id === sent.responseId)).toBe(false);
  });

  it('rejects a correctly signed request whose timestamp is more than five minutes old', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const sent = await h.command('echo replayed', {}, { timestamp: sixMinutesAgo });
    expect(sent.status).toBe(401);
    const good = await h.command('echo after replay');
    await h.responseTo(good.responseId);
    expect(h.slack.responses.some((r) => r.id === sent.responseId)).toBe(false);
  });

  it('keeps the signing secret and the bot token out of the logs', () => {
    const text = JSON.stringify(h.logger.records);
    expect(text).not.toContain(SIGNING_SECRET);
    expect(text).not.toContain(BOT_TOKEN);
  });
});
