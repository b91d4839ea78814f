import { afterEach, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../../../adapters/slack/index.js';
import { buildManifest } from '../../../adapters/slack/manifest.js';
import { bootCore } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { registry } from '../../../src/core/features/index.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { slackSignature } from '../../fakes/slack/signed-requests.js';
import { relatedAgenda } from '../../fixtures/related-agenda.js';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

interface Bot {
  readonly slack: FakeSlack;
  /** Sends an Events API `event_callback` (signed, JSON) holding `event`. */
  send(event: Record<string, unknown>): Promise<number>;
  /** The bot's chat.postMessage calls so far. */
  posts(): Record<string, unknown>[];
}

let eventCount = 0;

async function startBot(inlineReferences: boolean): Promise<Bot> {
  const slack = await FakeSlack.start();
  const core = await bootCore({
    agenda: relatedAgenda,
    backend: openSqliteBackend(openDatabase(':memory:')),
    clock: new ManualClock('2026-01-05T09:00:00Z'),
  });
  const running: RunningSlack = await startSlack({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      port: 3000,
      adminUserIds: [],
      ...(inlineReferences ? { inlineReferences: true as const } : {}),
    },
    dispatcher: core.dispatcher,
    logger: new MemoryLogger(),
    retryConfig: { retries: 0 },
    port: 0,
    host: '127.0.0.1',
  });
  cleanup = async () => {
    await running.stop();
    await slack.close();
  };
  const url = `http://127.0.0.1:${running.port ?? 0}/slack/events`;
  return {
    slack,
    async send(event) {
      eventCount += 1;
      const body = JSON.stringify({
        token: 'deprecated',
        team_id: slack.teamId,
        api_app_id: 'A0FAKE',
        type: 'event_callback',
        event_id: `Ev${eventCount}`,
        event_time: 1_700_000_000 + eventCount,
        event,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
        },
        body,
      });
      return response.status;
    },
    posts: () => slack.callsTo('chat.postMessage').map((c) => c.args),
  };
}

function written(text: string, ts: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const where = { channel: 'C0GENERAL', channel_type: 'channel' };
  return { type: 'message', ...where, user: 'U0ADA', text, ts, event_ts: ts, ...extra };
}

/** Sends a last message that does get a reply and waits for it, so the events before it were handled. */
async function settle(bot: Bot, ts: string): Promise<void> {
  await bot.send(written('and [[3.2]]', ts));
  await bot.slack.until(() => bot.posts().some((p) => p['thread_ts'] === ts));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('inline references on Slack (real Bolt against the fake Slack)', () => {
  it('answers a channel message once, in its thread, whatever redeliveries and edits follow', async () => {
    const bot = await startBot(true);
    expect(await bot.send(written('Read [[3.5]] and [[2.1-q1]] before Thursday', '1700000100.000100'))).toBe(200);
    await bot.slack.until(() => bot.posts().length === 1);
    const [post] = bot.posts();
    expect(post?.['channel']).toBe('C0GENERAL');
    expect(post?.['thread_ts']).toBe('1700000100.000100');
    expect(String(post?.['text'])).toContain('3.5: Challenge: Jailbreaks');
    expect(String(post?.['text'])).toContain(
      '2.1-q1: Does in-context learning implement gradient descent on reward models? — from the paper, §2.1.1',
    );

    // Slack redelivers the same event, then the author edits the message: no second reply.
    await bot.send(written('Read [[3.5]] and [[2.1-q1]] before Thursday', '1700000100.000100'));
    await bot.send({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C0GENERAL',
      channel_type: 'channel',
      ts: '1700000105.000100',
      event_ts: '1700000105.000100',
      message: {
        type: 'message',
        user: 'U0ADA',
        text: 'Read [[3.5]], [[3.2]] and [[2.1-q1]]',
        ts: '1700000100.000100',
        edited: { user: 'U0ADA', ts: '1700000105.000000' },
      },
    });
    await settle(bot, '1700000110.000100');
    expect(bot.posts().map((p) => p['thread_ts'])).toEqual(['1700000100.000100', '1700000110.000100']);
  });

  it('ignores code, quotes, unknown ids and the bot itself', async () => {
    const bot = await startBot(true);
    await bot.send(written('type `[[3.5]]` like this', '1700000200.000100'));
    await bot.send(written('```[[3.5]]```', '1700000201.000100'));
    await bot.send(written('&gt; she said [[3.5]]', '1700000202.000100'));
    await bot.send(written('[[9.9]] and [[3.5.9]]', '1700000203.000100'));
    await bot.send(written('[[3.5]]', '1700000204.000100', { user: 'UBOT', bot_id: 'BFAKE' }));
    const otherBot = { user: undefined, subtype: 'bot_message', bot_id: 'BOTHER' };
    await bot.send(written('[[3.5]]', '1700000205.000100', otherBot));
    await settle(bot, '1700000210.000100');
    expect(bot.posts().map((p) => p['thread_ts'])).toEqual(['1700000210.000100']);
  });

  it('replies inside the thread a message was written in', async () => {
    const bot = await startBot(true);
    await bot.send(written('see [[3.5.1]]', '1700000300.000200', { thread_ts: '1700000300.000100' }));
    await bot.slack.until(() => bot.posts().length === 1);
    expect(bot.posts()[0]?.['thread_ts']).toBe('1700000300.000100');
  });

  it('reads no messages when the operator left it off', async () => {
    const bot = await startBot(false);
    await bot.send(written('Read [[3.5]]', '1700000400.000100'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bot.posts()).toEqual([]);
  });
});

interface Manifest {
  readonly settings: Record<string, unknown>;
  readonly oauth_config: { scopes: { bot: string[] } };
}

describe('the manifest with inline references', () => {
  it('subscribes to message.channels only when asked', () => {
    const on = buildManifest(registry, { inlineReferences: true }) as unknown as Manifest;
    expect(on.settings['event_subscriptions']).toEqual({ bot_events: ['app_home_opened', 'message.channels'] });
    const options = { inlineReferences: true, baseUrl: 'https://bot.example.org' };
    const http = buildManifest(registry, options) as unknown as Manifest;
    expect(http.settings['event_subscriptions']).toEqual({
      request_url: 'https://bot.example.org/slack/events',
      bot_events: ['app_home_opened', 'message.channels'],
    });
    const off = buildManifest(registry) as unknown as Manifest;
    expect(off.settings['event_subscriptions']).toEqual({ bot_events: ['app_home_opened'] });
    expect(off.oauth_config.scopes.bot).toContain('channels:history');
  });
});
