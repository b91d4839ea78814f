/**
 * Several bot processes on one database file (issue 12), with real processes, a real SQLite
 * file and the fake Slack: every post exactly once across processes, a process killed mid-run
 * taken over after its lease, "digest now" racing another process's sweep, processes opening
 * a fresh file together, and a 429 for one channel that holds up only that channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { sendSlashCommand } from '../fakes/slack/signed-requests.js';
import { freePort, logged, seedSubscriptions, startBot, stopAll, type Bot } from './bot-processes.js';
import { MIGRATIONS } from '../../src/persistence/migrations/index.js';

const SECRET = 'many-processes-signing-secret';
let slack: FakeSlack;
let dir: string;
let bots: Bot[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agendabot-many-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  slack = await FakeSlack.start();
  slack.wallClockTimestamps = true;
});
afterEach(async () => {
  await stopAll(bots);
  bots = [];
  await slack.close();
});

const channels = (n: number): string[] => Array.from({ length: n }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);

async function startBots(databasePath: string, count: number, env: Record<string, string> = {}): Promise<Bot[]> {
  const started: Bot[] = [];
  for (let i = 0; i < count; i += 1) {
    started.push(
      startBot({
        DATABASE_PATH: databasePath,
        SLACK_BOT_TOKEN: 'xoxb-many-processes',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(await freePort()),
        SWEEP_EVERY_SECONDS: '1',
        DELIVERY_LEASE_SECONDS: '15',
        SLACK_POSTS_PER_SECOND: '1000',
        ...env,
      }),
    );
  }
  bots.push(...started);
  return started;
}

/** How many messages carry each key (cards and thread messages alike). */
function postsPerKey(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of slack.messages) {
    const key = m.metadata?.event_payload['key'];
    if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function expectEachOnce(ids: readonly number[], week: string): void {
  const counts = postsPerKey();
  const expected = ids.flatMap((id) => [`digest:${id}:${week}`, `digest:${id}:${week}:thread`]);
  expect(
    expected.filter((key) => counts.get(key) !== 1),
    'keys not posted exactly once',
  ).toEqual([]);
  expect(slack.messages).toHaveLength(expected.length);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('several bot processes on one database file', () => {
  it('three processes, 300 subscriptions due at once: 300 posts and 300 thread messages, each once', async () => {
    const databasePath = join(dir, 'three.db');
    const { week } = seedSubscriptions(databasePath, {
      platform: 'slack',
      tenantId: slack.teamId,
      channels: channels(300),
    });
    slack.latencyMs = 10;
    await startBots(databasePath, 3);
    await slack.until(() => slack.messages.length >= 600);
    await stopAll(bots);
    expectEachOnce(range(300), week);
  }, 120_000);

  it('one of three SIGKILLed mid-run: nothing lost, nothing doubled, its claims taken over after the lease', async () => {
    const databasePath = join(dir, 'killed.db');
    slack.latencyMs = 50;
    // A short lease, so the survivors take the dead process's claims over within the test. Pools of 64, so
    // that 300 posts are shared by all three (two default pools of 160 could claim them all, the doomed one none).
    const env = { DELIVERY_LEASE_SECONDS: '4', DELIVERY_CONCURRENCY: '64' };
    const started = await startBots(databasePath, 3, env);
    // Due only once all three run: on a loaded machine a process that starts late would find nothing left.
    await Promise.all(started.map((bot) => logged(bot, 'process ready')));
    const { week } = seedSubscriptions(databasePath, {
      platform: 'slack',
      tenantId: slack.teamId,
      channels: channels(300),
    });
    await slack.until(() => slack.messages.length >= 100);
    // The one to kill is one that is posting, so it dies holding claims in flight.
    const doomed = started.find((bot) => bot.logs.some((l) => l.msg === 'posted'));
    doomed?.child.kill('SIGKILL');
    expect((await doomed?.exited)?.signal).toBe('SIGKILL');
    await slack.until(() => slack.messages.length >= 600);
    await stopAll(bots);
    expectEachOnce(range(300), week);
    // Rows the dead process had attempted were taken over (a second attempt, reconciled first).
    const db = new Database(databasePath, { readonly: true });
    const retaken = db.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE attempts >= 2').get() as { n: number };
    db.close();
    expect(retaken.n).toBeGreaterThan(0);
  }, 120_000);

  it('"digest now" in one process racing the sweep in another: one post per key', async () => {
    const databasePath = join(dir, 'race.db');
    const { week } = seedSubscriptions(databasePath, {
      platform: 'slack',
      tenantId: slack.teamId,
      channels: channels(20),
    });
    slack.latencyMs = 20;
    const [commands, sweeper] = await startBots(databasePath, 2);
    if (!commands || !sweeper) throw new Error('bots did not start');
    await Promise.all([logged(commands, 'slack adapter started'), logged(sweeper, 'slack adapter started')]);
    const port = await portOf(commands);
    const replies = await Promise.all(
      range(20).map((id) =>
        sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
          command: '/agenda',
          text: `digest now ${id}`,
          response_url: slack.responseUrl(`now-${id}`),
          user_id: 'U0OWNER',
          channel_id: `C${String(id).padStart(4, '0')}`,
        }),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    await slack.until(() => slack.messages.length >= 40);
    // Each command is answered, in its ack when quick, else through its response_url.
    const answered = (id: number): boolean =>
      (replies[id - 1]?.body ?? '') !== '' || slack.responses.some((r) => r.id === `now-${id}`);
    await slack.until(() => range(20).every(answered));
    await stopAll(bots);
    expectEachOnce(range(20), week);
  }, 120_000);

  it('three processes opening a fresh database file at the same instant: all start, one migrates', async () => {
    const databasePath = join(dir, 'fresh.db');
    const started = await startBots(databasePath, 3);
    await Promise.all(started.map((bot) => logged(bot, 'slack adapter started')));
    const ready = started.map((bot) => bot.logs.find((l) => l.msg === 'database ready'));
    // Every process ends at the newest schema version; exactly one applied the migrations.
    // Versions are numbers reserved per feature (they may skip one): the newest is the last one's, not the count.
    const newest = MIGRATIONS.at(-1)?.version;
    expect(ready.map((l) => l?.['version'])).toEqual([newest, newest, newest]);
    expect(ready.map((l) => l?.['applied']).sort()).toEqual([0, 0, MIGRATIONS.length]);
  }, 120_000);

  it('a 429 with Retry-After for one channel: that channel waits exactly that long, the others go on', async () => {
    const databasePath = join(dir, 'limited.db');
    const { week } = seedSubscriptions(databasePath, {
      platform: 'slack',
      tenantId: slack.teamId,
      channels: channels(4),
    });
    let refused = false;
    slack.limiter = (call) => {
      const first = call.method === 'chat.postMessage' && call.args['channel'] === 'C0001' && !refused;
      if (first) refused = true;
      return first ? 2 : undefined;
    };
    await startBots(databasePath, 1);
    await slack.until(() => slack.messages.length >= 8);
    await stopAll(bots);
    expectEachOnce(range(4), week);
    const cards = slack.callsTo('chat.postMessage').filter((c) => c.args['thread_ts'] === undefined);
    const limitedAt = cards.find((c) => c.args['channel'] === 'C0001')?.at ?? 0;
    const c0001 = cards.filter((c) => c.args['channel'] === 'C0001').map((c) => c.at - limitedAt);
    expect(c0001).toHaveLength(2);
    expect(c0001[1]).toBeGreaterThanOrEqual(2000);
    expect(c0001[1]).toBeLessThan(3500);
    for (const channel of ['C0002', 'C0003', 'C0004']) {
      const at = cards.find((c) => c.args['channel'] === channel)?.at ?? Infinity;
      expect(at - limitedAt, channel).toBeLessThan(1000);
    }
    expect(slack.rateLimited).toBe(1);
  }, 120_000);
});

async function portOf(bot: Bot): Promise<number> {
  await logged(bot, 'slack adapter started');
  const line = bot.logs.find((l) => l.msg === 'slack adapter started');
  return Number(line?.['port']);
}
