/**
 * The Discord REST proxy (`adapters/discord/proxy/`): two discord.js REST clients, each of which believes it
 * owns the bot's whole 50 requests/s (as every process does by default), send through one proxy to the fake
 * Discord, which answers 429 past 50 requests in any second. Through the proxy they stay under the limit
 * together; sent directly they do not (the control, so the fake's limit is shown to bite).
 */
import { REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restBase } from '../../adapters/discord/client.js';
import { startDiscordProxy, type RunningProxy } from '../../adapters/discord/proxy/server.js';
import { readProxySettings } from '../../adapters/discord/proxy/settings.js';
import { silentLogger } from '../../src/log.js';
import { discordGlobalLimiter } from '../bench/fanout/discord-limits.js';
import { FakeDiscord, IDS } from '../fakes/discord/index.js';

const PER_CLIENT = 70;

let discord: FakeDiscord;
let proxy: RunningProxy | undefined;

beforeEach(async () => {
  discord = await FakeDiscord.start();
  discord.latencyMs = 20;
  discord.limiter = discordGlobalLimiter(50);
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await discord.close();
});

async function startProxy(): Promise<RunningProxy> {
  const read = readProxySettings({ PORT: '0', DISCORD_API_URL: discord.apiUrl, SHUTDOWN_GRACE_SECONDS: '1' });
  if (read.problems) throw new Error(read.problems.join(' '));
  proxy = await startDiscordProxy(read.settings, silentLogger);
  return proxy;
}

function client(api: string): REST {
  return new REST({ api: restBase(api) }).setToken(discord.token);
}

/** `count` channel posts, each in its own channel (so no per-route bucket slows them: only the global limit). */
async function postMany(rest: REST, first: number, count: number): Promise<void> {
  const channels = Array.from({ length: count }, (_, i) => String(700000000000000001n + BigInt(first + i)));
  for (const channel of channels) discord.records.extraChannels.add(channel);
  await Promise.all(channels.map((channel) => rest.post(Routes.channelMessages(channel), { body: { content: 'hi' } })));
}

/** The most requests that arrived at the fake within any one second (counted ones: not webhooks). */
function busiestSecond(): number {
  const times = discord.records.requests
    .filter((r) => r.path.startsWith('/channels/'))
    .map((r) => r.at)
    .sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const refused = (): number => discord.records.requests.filter((r) => r.status === 429).length;

describe('the Discord REST proxy', () => {
  it('keeps two clients that each assume the whole 50/s under the global limit together, with no 429', async () => {
    const { apiUrl } = await startProxy();
    await Promise.all([postMany(client(apiUrl), 0, PER_CLIENT), postMany(client(apiUrl), PER_CLIENT, PER_CLIENT)]);
    expect(discord.records.messages).toHaveLength(2 * PER_CLIENT);
    expect(refused()).toBe(0);
    expect(busiestSecond()).toBeLessThanOrEqual(50);
  });

  it('(control) the same two clients sent straight to Discord run into its global limit', async () => {
    await Promise.all([
      postMany(client(discord.apiUrl), 0, PER_CLIENT),
      postMany(client(discord.apiUrl), PER_CLIENT, PER_CLIENT),
    ]);
    expect(refused()).toBeGreaterThan(0);
  });

  it('passes each caller’s Authorization through: a wrong token is refused by Discord, not by the proxy', async () => {
    const { apiUrl } = await startProxy();
    const stranger = new REST({ api: restBase(apiUrl) }).setToken('not-the-bot-token');
    await expect(stranger.get(Routes.channel(IDS.general))).rejects.toMatchObject({ status: 401 });
    await expect(client(apiUrl).get(Routes.channel(IDS.general))).resolves.toMatchObject({ id: IDS.general });
  });

  it('lets a web process’s interaction edit through at once while a worker’s channel posts wait their turn', async () => {
    const { apiUrl } = await startProxy();
    const posts = postMany(client(apiUrl), 0, 100);
    await discord.waitFor(() => discord.records.messages.length > 0, 'the first post');
    const sent = Date.now();
    await client(apiUrl).patch(Routes.webhookMessage(IDS.application, 'interaction-token', '@original'), {
      body: { content: 'answer' },
      auth: false,
    });
    const waited = Date.now() - sent;
    const postsLeftThen = 100 - discord.records.messages.length;
    await posts;
    expect(discord.records.webhooks.map((w) => w.kind)).toEqual(['editOriginal']);
    // 100 spaced posts take 2 s; the edit went out within a few spacing steps, not behind the queue.
    expect(waited).toBeLessThan(500);
    expect(postsLeftThen).toBeGreaterThan(50);
  });

  it('sends the same body again when Discord answers 429 and the request is retried', async () => {
    const { apiUrl } = await startProxy();
    discord.fail({ method: 'POST', path: /\/messages$/u, status: 429, retryAfter: 0.1 });
    await client(apiUrl).post(Routes.channelMessages(IDS.general), { body: { content: 'after the wait' } });
    expect(discord.records.messages.map((m) => m.body)).toEqual([{ content: 'after the wait' }]);
    expect(discord.records.requests.map((r) => [r.status, r.body])).toEqual([
      [429, { content: 'after the wait' }],
      [200, { content: 'after the wait' }],
    ]);
  });

  it('answers its own health check, and 404 outside /api/', async () => {
    const { apiUrl } = await startProxy();
    const base = apiUrl.replace(/\/api$/u, '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ready', role: 'discord-proxy' });
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });

  it('names every bad setting at once, and refuses to forward to itself', () => {
    expect(readProxySettings({ PORT: 'x', DISCORD_REQUESTS_PER_SECOND: '80', DISCORD_API_URL: 'ftp://a' })).toEqual({
      problems: [
        'DISCORD_API_URL=ftp://a is not an http(s) URL.',
        'PORT=x must be a whole number from 0 to 65535.',
        'DISCORD_REQUESTS_PER_SECOND=80 must be a whole number from 1 to 50.',
      ],
    });
    expect(readProxySettings({ PORT: '8080', DISCORD_API_URL: 'http://127.0.0.1:8080/api' })).toEqual({
      problems: ["DISCORD_API_URL=http://127.0.0.1:8080/api is this proxy itself: set Discord's URL."],
    });
  });
});
