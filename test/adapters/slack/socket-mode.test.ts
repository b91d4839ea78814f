import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/core/dispatcher.js';
import { MemoryLogger } from '../../../src/log.js';
import { startSlack, type RunningSlack } from '../../../adapters/slack/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.js';
import { blockActionsPayload, slashCommandPayload } from '../../fakes/slack/signed-requests.js';
import { Gate, testRegistry } from './test-registry.js';
import { bareServices, BOT_TOKEN } from './harness.js';

const APP_TOKEN = 'xapp-1-A0FAKE-123-socketsecret';
let slack: FakeSlack;
let socket: FakeSocketMode;
let running: RunningSlack;
const logger = new MemoryLogger();
const gate = new Gate();

beforeAll(async () => {
  slack = await FakeSlack.start();
  socket = await FakeSocketMode.start(slack);
  running = await startSlack({
    config: { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: slack.apiUrl, port: 3000, adminUserIds: [] },
    dispatcher: new Dispatcher(testRegistry(gate), bareServices(logger)),
    logger,
    replyBudgetMs: 50,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
  });
  await socket.connected();
});
afterAll(async () => {
  gate.open();
  await running.stop();
  await socket.close();
  await slack.close();
});

describe('Slack in Socket Mode, through the real Bolt', () => {
  it('connects with the app token through apps.connections.open on SLACK_API_URL, and opens no HTTP port', () => {
    expect(running.mode).toBe('socket');
    expect(running.port).toBeUndefined();
    const open = slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(APP_TOKEN);
    expect(socket.connections).toBe(1);
  });

  it('answers a slash command envelope in its acknowledgment (one round trip), not through the response_url', async () => {
    const ack = await socket.sendSlashCommand(
      slashCommandPayload({
        command: '/agenda',
        text: 'echo over the socket',
        response_url: slack.responseUrl('sock-1'),
      }),
    );
    expect(ack.envelope_id).toMatch(/^env-/u);
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: 'You said: over the socket' });
    expect(slack.responses.some((r) => r.id === 'sock-1')).toBe(false);
  });

  it('acknowledges a slow command empty over the socket, then answers through the response_url', async () => {
    const ack = await socket.sendSlashCommand(
      slashCommandPayload({ command: '/agenda', text: 'slow', response_url: slack.responseUrl('sock-slow') }),
    );
    // The ack came back while the command still waits at the gate: an envelope with no reply in it.
    expect(ack.envelope_id).toMatch(/^env-/u);
    expect(ack.payload ?? {}).toEqual({});
    await slack.until(() => gate.entered);
    expect(slack.responses.some((r) => r.id === 'sock-slow')).toBe(false);
    gate.open();
    await slack.until(() => slack.responses.some((r) => r.id === 'sock-slow'));
    expect(slack.responses.find((r) => r.id === 'sock-slow')?.body).toMatchObject({ text: 'finally done' });
    expect(socket.acks.filter((a) => a.envelope_id === ack.envelope_id)).toHaveLength(1);
  });

  it('routes a button press envelope, posting the shared card with the bot token', async () => {
    const ack = await socket.sendInteraction(
      blockActionsPayload({
        actionId: 'ab:share:0',
        value: 'challenge 2.1',
        responseUrl: slack.responseUrl('sock-2'),
        channelId: 'C0SOCK',
      }),
    );
    expect(ack.envelope_id).toMatch(/^env-/u);
    await slack.until(() => slack.callsTo('chat.postMessage').length > 0);
    const call = slack.callsTo('chat.postMessage')[0];
    expect(call?.args).toMatchObject({ channel: 'C0SOCK', text: 'Shared: challenge 2.1' });
    expect(call?.token).toBe(BOT_TOKEN);
  });

  it('keeps both tokens out of the logs', () => {
    const text = JSON.stringify(logger.records);
    expect(text).not.toContain(APP_TOKEN);
    expect(text).not.toContain(BOT_TOKEN);
  });
});
