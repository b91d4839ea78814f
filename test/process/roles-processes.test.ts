/**
 * Roles with real processes (issue 16): one web and two worker processes on one PostgreSQL database, against
 * the fake Slack and the fake Discord (HTTP interactions). While the workers fan out 100 weekly questions, the
 * web process answers a signed Slack command and a signed Discord interaction within 3 s; nobody opens a
 * Discord gateway; a worker has no Slack receiver and the web process no scheduler. SIGTERM to a worker hands
 * its waiting claims back and exits 0, and the other worker posts them without waiting out their lease (120 s,
 * longer than this test may take): every card and thread message exactly once. SIGTERM to the web process
 * while a Discord command waits for its deferred edit: the edit goes out before the process exits 0.
 */
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPostgresSubscriptions } from '../helpers/due-subscriptions.js';
import { chatInput, FakeDiscord, IDS, type Json } from '../fakes/discord/index.js';
import { applicationKeys, postInteraction } from '../fakes/discord/signed-interactions.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { sendSlashCommand } from '../fakes/slack/signed-requests.js';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres.js';
import { freePort, startBot, stopAll, type Bot } from './bot-processes.js';

const SECRET = 'roles-processes-signing-secret';
const CHANNELS = 100;
let slack: FakeSlack;
let discord: FakeDiscord;
let bots: Bot[] = [];

beforeEach(async () => {
  slack = await FakeSlack.start();
  slack.wallClockTimestamps = true;
  discord = await FakeDiscord.start();
});
afterEach(async () => {
  await stopAll(bots);
  bots = [];
  await slack.close();
  await discord.close();
});

async function seed(url: string): Promise<string> {
  const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);
  const targets = channels.map((channelId) => ({ platform: 'slack' as const, tenantId: slack.teamId, channelId }));
  return (await seedPostgresSubscriptions(url, targets)).week;
}

async function interact(port: number, key: KeyObject, payload: Json): Promise<{ status: number; json: Json }> {
  const res = await postInteraction(`http://127.0.0.1:${port}/discord/interactions`, payload, key);
  return { status: res.status, json: (await res.json()) as Json };
}

async function health(port: number): Promise<{ status: number; body: Json }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Json };
}

/** Polls /healthz until it answers 200 (a cluster launcher waits the same way). */
async function untilReady(port: number, bot: Bot): Promise<void> {
  for (;;) {
    const answer = await health(port).catch(() => undefined);
    if (answer?.status === 200) return;
    if (bot.child.exitCode !== null) throw new Error(`exited early: ${JSON.stringify(bot.logs.slice(-5))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function claimsBy(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ holder: string; n: number }>(
    'SELECT claimed_by AS holder, count(*)::int AS n FROM deliveries WHERE claimed_by IS NOT NULL GROUP BY 1',
  );
  await client.end();
  return new Map(rows.map((r) => [r.holder, r.n]));
}

function holderOf(bot: Bot): string {
  return String(bot.logs.find((l) => l.msg === 'this process takes part in scheduled work')?.['holder']);
}

function postsPerKey(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of slack.messages) {
    const key = m.metadata?.event_payload['key'];
    if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('role all (the default) in a real process', () => {
  it('adds /healthz to the server it already runs (Slack HTTP, with the Discord interactions route), logs in to the gateway, exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agendabot-roles-'));
    const { publicHex, privateKey } = applicationKeys();
    const port = await freePort();
    const bot = startBot({
      DATABASE_PATH: join(dir, 'all.db'),
      SLACK_BOT_TOKEN: 'xoxb-roles-all',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_PUBLIC_KEY: publicHex,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    bots.push(bot);
    await untilReady(port, bot);
    expect(await health(port)).toEqual({
      status: 200,
      body: { status: 'ready', role: 'all', checks: { process: 'running', database: 'ok' } },
    });
    const answer = await interact(port, privateKey, chatInput('agenda', 'challenge', { id: '3.5' }));
    expect([answer.status, answer.json['type']]).toEqual([200, 4]);
    expect(discord.gateway.record.identifies).toHaveLength(1);
    expect(bot.logs.some((l) => l.msg === 'scheduler started')).toBe(true);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.logs.some((l) => l.msg === 'drained')).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe.runIf(postgresAvailable)('web and worker processes on one PostgreSQL database', () => {
  it('answers commands during a fan-out, opens no gateway, drains on SIGTERM without losing or doubling a post', async () => {
    const url = await createTestDatabase();
    const week = await seed(url);
    const { publicHex, privateKey } = applicationKeys();
    const common = {
      DATABASE_URL: url,
      SLACK_BOT_TOKEN: 'xoxb-roles-processes',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_PUBLIC_KEY: publicHex,
      DELIVERY_LEASE_SECONDS: '120',
      SHUTDOWN_GRACE_SECONDS: '10',
      HOST: '127.0.0.1',
    };
    const worker = { ...common, AGENDABOT_ROLE: 'worker', SWEEP_EVERY_SECONDS: '1', SLACK_POSTS_PER_SECOND: '25' };
    const ports = [await freePort(), await freePort(), await freePort()] as const;
    const web = startBot({ ...common, AGENDABOT_ROLE: 'web', PORT: String(ports[0]) });
    const workers = [1, 2].map((i) =>
      startBot({ ...worker, PORT: String(ports[i as 1 | 2]), DELIVERY_CONCURRENCY: '40' }),
    );
    bots.push(web, ...workers);
    await Promise.all([
      untilReady(ports[0], web),
      untilReady(ports[1], workers[0]!),
      untilReady(ports[2], workers[1]!),
    ]);
    expect((await health(ports[0])).body).toEqual({
      status: 'ready',
      role: 'web',
      checks: { process: 'running', database: 'ok' },
    });
    expect((await health(ports[1])).body['role']).toBe('worker');

    // Commands while the workers fan out.
    await slack.until(() => slack.messages.length >= 20);
    const started = Date.now();
    const [slackAnswer, discordAnswer] = await Promise.all([
      sendSlashCommand(`http://127.0.0.1:${ports[0]}/slack/events`, SECRET, {
        command: '/agenda',
        text: 'challenge 3.5',
        response_url: slack.responseUrl('challenge'),
        user_id: 'U0ASKER',
        channel_id: 'C0001',
      }).then((answer) => ({ ...answer, ms: Date.now() - started })),
      interact(ports[0], privateKey, chatInput('agenda', 'challenge', { id: '3.5' })).then((answer) => ({
        ...answer,
        ms: Date.now() - started,
      })),
    ]);
    expect(slack.messages.length, 'the fan-out was still running').toBeLessThan(2 * CHANNELS);
    expect([slackAnswer.status, slackAnswer.body]).toEqual([200, expect.stringContaining('3.5')]);
    expect([discordAnswer.status, discordAnswer.json['type']]).toEqual([200, 4]);
    expect(slackAnswer.ms, 'Slack command answered within 3 s').toBeLessThan(3000);
    expect(discordAnswer.ms, 'Discord command answered within 3 s').toBeLessThan(3000);

    // A worker has no Slack receiver; the web process runs no scheduler; nobody logs in to the gateway.
    const noReceiver = await fetch(`http://127.0.0.1:${ports[1]}/slack/events`, { method: 'POST', body: '' });
    expect(noReceiver.status).toBe(404);
    expect(web.logs.some((l) => l.msg === 'scheduler started')).toBe(false);
    expect(workers.every((w) => w.logs.some((l) => l.msg === 'scheduler started'))).toBe(true);

    // SIGTERM to the worker holding more claims: it hands back what waits for its pace, and exits 0.
    const claims = await claimsBy(url);
    const [doomed, survivor] = [...workers].sort(
      (a, b) => (claims.get(holderOf(b)) ?? 0) - (claims.get(holderOf(a)) ?? 0),
    ) as [Bot, Bot];
    expect(claims.get(holderOf(doomed)) ?? 0, 'claims held when SIGTERM arrives').toBeGreaterThan(0);
    const termAt = Date.now();
    doomed.child.kill('SIGTERM');
    expect(await doomed.exited).toEqual({ code: 0, signal: null });
    const drainMs = Date.now() - termAt;
    expect(drainMs, 'exited within the grace').toBeLessThan(10_000);
    expect(
      doomed.logs.filter((l) => l.msg === 'handed back a delivery not yet started: this process is stopping').length,
    ).toBeGreaterThan(0);
    // The survivor takes them at once: the 120 s lease would outlast this test's timeout.
    await slack.until(() => slack.messages.length >= 2 * CHANNELS);
    const expected = Array.from({ length: CHANNELS }, (_, i) => [
      `digest:${i + 1}:${week}`,
      `digest:${i + 1}:${week}:thread`,
    ]).flat();
    const counts = postsPerKey();
    expect(
      expected.filter((key) => counts.get(key) !== 1),
      'keys not posted exactly once',
    ).toEqual([]);
    expect(survivor.logs.some((l) => l.msg === 'posted')).toBe(true);

    // SIGTERM to the web process while a Discord command waits for its deferred edit (slow REST: its
    // permission check reads guild, channel and member over REST, as a web process has no gateway cache).
    discord.latencyMs = 1000;
    const subscribe = chatInput('agenda', 'subscribe', { channel: { channel: IDS.general } }, { user: IDS.organiser });
    const deferred = await interact(ports[0], privateKey, subscribe);
    expect(deferred.json['type'], JSON.stringify(deferred.json)).toBe(5);
    web.child.kill('SIGTERM');
    expect(await web.exited).toEqual({ code: 0, signal: null });
    const finished = discord.records.webhooksFor(String(subscribe['token']));
    expect(finished.map((w) => w.kind)).toEqual(['editOriginal']);
    expect(JSON.stringify(finished[0]?.body)).toContain('Subscribed (id 101)');
    expect(discord.gateway.record.identifies).toEqual([]);
  }, 120_000);
});
