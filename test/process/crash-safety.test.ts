/**
 * Crash safety with real processes: the bot runs as a child process (`tsx src/main.ts`)
 * against a database file and the fake Slack. The test-only knob AGENDABOT_TEST_CRASH_AT
 * makes it SIGKILL itself before the platform call, between the call and recording it,
 * or after recording it; a restart without the knob must then leave exactly one post per
 * subscription and week (and one thread message under each) in the fake's record.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../src/config.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { seedSubscriptions } from './bot-processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let slack: FakeSlack;
let dir: string;

beforeAll(async () => {
  slack = await FakeSlack.start();
  slack.wallClockTimestamps = true;
  dir = mkdtempSync(join(tmpdir(), 'agendabot-crash-'));
});
afterAll(async () => {
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A free port on 127.0.0.1 for Bolt's HTTP receiver (the config does not accept 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Two subscriptions (two channels) due one minute ago, in the fake's workspace. */
function seed(databasePath: string): { week: string } {
  return seedSubscriptions(databasePath, { platform: 'slack', tenantId: slack.teamId, channels: ['C0ONE', 'C0TWO'] });
}

function startBot(databasePath: string, port: number, crashAt?: CrashPoint): ChildProcess {
  // node with tsx as a loader (what `tsx src/main.ts` does), so the child is the bot itself and SIGKILL hits it.
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'ignore'],
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABASE_PATH: databasePath,
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-crash-test-token',
      SLACK_SIGNING_SECRET: 'crash-test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      // The killed process's claim must run out before the restart may take its post over.
      DELIVERY_LEASE_SECONDS: '2',
      SWEEP_EVERY_SECONDS: '1',
      // One delivery at a time, so exactly one post is out when the process kills itself.
      DELIVERY_CONCURRENCY: '1',
      ...(crashAt ? { AGENDABOT_TEST_CRASH_AT: crashAt } : {}),
    },
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Posts carrying this key that were made after the messages in `before` (earlier cases reuse keys). */
function postsWithKey(key: string, before: ReadonlySet<string>): number {
  return slack.messages.filter((m) => !before.has(m.ts) && m.metadata?.event_payload['key'] === key).length;
}

describe('exactly one post per subscription and week across SIGKILL and restart (real processes)', () => {
  it.each<CrashPoint>(['before-post', 'after-post', 'after-record'])(
    'killed at %s, restarted: one card and one thread message per subscription',
    async (point) => {
      const databasePath = join(dir, `${point}.db`);
      const { week } = seed(databasePath);
      const port = await freePort();
      const before = new Set(slack.messages.map((m) => m.ts));

      const doomed = startBot(databasePath, port, point);
      const first = await exited(doomed);
      expect(first.signal).toBe('SIGKILL');
      const postedBeforeCrash = slack.messages.filter((m) => !before.has(m.ts)).length;
      expect(postedBeforeCrash).toBe(point === 'before-post' ? 0 : 1);

      const restarted = startBot(databasePath, port);
      const keys = ['1', '2'].flatMap((id) => [`digest:${id}:${week}`, `digest:${id}:${week}:thread`]);
      await slack.until(() => keys.every((key) => postsWithKey(key, before) >= 1));
      restarted.kill('SIGTERM');
      await exited(restarted);

      for (const key of keys) expect(postsWithKey(key, before), key).toBe(1);
      for (const channel of ['C0ONE', 'C0TWO']) {
        const cards = slack.messages.filter(
          (m) => m.channel === channel && !before.has(m.ts) && m.thread_ts === undefined,
        );
        expect(cards, channel).toHaveLength(1);
      }
    },
    90_000,
  );
});
