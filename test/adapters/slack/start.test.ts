import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/core/dispatcher.js';
import { MemoryLogger } from '../../../src/log.js';
import { startSlack } from '../../../adapters/slack/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { Gate, testRegistry } from './test-registry.js';
import { bareServices, BOT_TOKEN } from './harness.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await FakeSlack.start();
});
afterAll(async () => {
  await slack.close();
});

function start(config: { signingSecret?: string; apiUrl?: string }) {
  const logger = new MemoryLogger();
  return startSlack({
    config: { botToken: BOT_TOKEN, apiUrl: slack.apiUrl, port: 3000, adminUserIds: [], ...config },
    dispatcher: new Dispatcher(testRegistry(new Gate()), bareServices(logger)),
    logger,
    retryConfig: { retries: 0 },
    port: 0,
    host: '127.0.0.1',
  });
}

describe('starting the Slack adapter', () => {
  it('stops with a message naming the setting when Slack refuses the bot token, without printing it', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const failure = await start({ signingSecret: 's' }).catch((e: unknown) => e as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth). Check the Bot User OAuth Token (xoxb-…) and SLACK_API_URL.',
    );
    expect((failure as Error).message).not.toContain(BOT_TOKEN);
  });

  it('says it could not reach Slack when nothing answers at SLACK_API_URL', async () => {
    const closed = await FakeSlack.start();
    const apiUrl = closed.apiUrl;
    await closed.close();
    await expect(start({ signingSecret: 's', apiUrl })).rejects.toThrow(
      "Could not reach Slack's Web API (auth.test: request_failed). Check the network and SLACK_API_URL.",
    );
  });

  it('refuses HTTP mode without a signing secret', async () => {
    await expect(start({})).rejects.toThrow(
      'Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  });

  it('serves HTTP mode on the port it was given and stops cleanly', async () => {
    const running = await start({ signingSecret: 's' });
    expect(running.mode).toBe('http');
    expect(running.port).toBeGreaterThan(0);
    await running.stop();
    await expect(fetch(`http://127.0.0.1:${running.port ?? 0}/slack/events`, { method: 'POST' })).rejects.toThrow();
  });
});
