/**
 * Bot processes on one PostgreSQL database (issue 15): real processes (`src/main.ts` with DATABASE_URL), the
 * throwaway test server and the fake Slack. Three processes post 300 due weekly questions with one of them
 * SIGKILLed mid-run: every card and thread message exactly once. Processes starting together on an empty
 * database: all start, one migrates.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPostgresSubscriptions } from '../helpers/due-subscriptions.js';
import { POSTGRES_MIGRATIONS } from '../../src/persistence/postgres/migrations/index.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres.js';
import { freePort, logged, startBot, stopAll, type Bot } from './bot-processes.js';

let slack: FakeSlack;
let bots: Bot[] = [];

beforeEach(async () => {
  slack = await FakeSlack.start();
  slack.wallClockTimestamps = true;
});
afterEach(async () => {
  await stopAll(bots);
  bots = [];
  await slack.close();
});

/** One weekly subscription per channel, all due at the start of the previous minute. Returns the week. */
async function seed(url: string, channels: number): Promise<string> {
  const targets = Array.from({ length: channels }, (_, i) => ({
    platform: 'slack' as const,
    tenantId: slack.teamId,
    channelId: `C${String(i + 1).padStart(4, '0')}`,
  }));
  return (await seedPostgresSubscriptions(url, targets)).week;
}

async function startBots(url: string, count: number, env: Record<string, string> = {}): Promise<Bot[]> {
  const started: Bot[] = [];
  for (let i = 0; i < count; i += 1) {
    started.push(
      startBot({
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: 'xoxb-postgres-processes',
        SLACK_SIGNING_SECRET: 'postgres-processes-signing-secret',
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

function postsPerKey(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of slack.messages) {
    const key = m.metadata?.event_payload['key'];
    if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe.runIf(postgresAvailable)('bot processes on one PostgreSQL database', () => {
  it('three processes, 300 due, one SIGKILLed mid-run: 300 posts and 300 thread messages, each once', async () => {
    const url = await createTestDatabase();
    slack.latencyMs = 50;
    // A short lease, so the survivors take the dead process's claims over within the test; pools smaller than
    // the default 160, so no two processes can claim all 300 between them and each one holds some when one dies.
    const started = await startBots(url, 3, { DELIVERY_LEASE_SECONDS: '4', DELIVERY_CONCURRENCY: '64' });
    // Due only once all three run: on a loaded machine a process that starts late would find nothing left,
    // and the run would not be the three-way race this test is about.
    await Promise.all(started.map((bot) => logged(bot, 'process ready')));
    const week = await seed(url, 300);
    await slack.until(() => slack.messages.length >= 100);
    // The one to kill is one that is posting, so it dies holding claims in flight.
    const doomed = started.find((bot) => bot.logs.some((l) => l.msg === 'posted'));
    doomed?.child.kill('SIGKILL');
    expect((await doomed?.exited)?.signal).toBe('SIGKILL');
    await slack.until(() => slack.messages.length >= 600);
    await stopAll(bots);
    const counts = postsPerKey();
    const expected = Array.from({ length: 300 }, (_, i) => [
      `digest:${i + 1}:${week}`,
      `digest:${i + 1}:${week}:thread`,
    ]);
    expect(
      expected.flat().filter((key) => counts.get(key) !== 1),
      'keys not posted exactly once',
    ).toEqual([]);
    expect(slack.messages).toHaveLength(600);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const states = await client.query<{ state: string; n: number }>(
      'SELECT state, count(*)::int AS n FROM deliveries GROUP BY state',
    );
    await client.end();
    // Each card and each thread's first message is a delivery of its own.
    expect(states.rows.map((r) => [r.state, r.n])).toEqual([['sent', 600]]);
    // All three took part: the killed one before it died, the survivors after.
    const postedBy = started.map((bot) => bot.logs.filter((l) => l.msg === 'posted').length);
    expect(
      postedBy.every((n) => n > 0),
      `posts per process: ${postedBy.join(', ')}`,
    ).toBe(true);
  }, 120_000);

  it('four processes starting at once on an empty database: all start, exactly one migrates', async () => {
    const url = await createTestDatabase({ empty: true });
    const started = await startBots(url, 4);
    await Promise.all(started.map((bot) => logged(bot, 'slack adapter started')));
    const ready = started.map((bot) => bot.logs.find((l) => l.msg === 'database ready'));
    const newest = POSTGRES_MIGRATIONS.at(-1)?.version;
    expect(ready.map((l) => l?.['version'])).toEqual([newest, newest, newest, newest]);
    expect(ready.map((l) => l?.['applied']).sort()).toEqual([0, 0, 0, POSTGRES_MIGRATIONS.length]);
    expect(JSON.stringify(started.flatMap((bot) => bot.logs))).not.toContain(url);
  }, 120_000);
});
