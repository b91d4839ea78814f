/**
 * `npm run cluster` as a user runs it (`src/cli/cluster/main.ts` in its own process) with the real processes:
 * the Discord proxy, a worker and a web process (`src/main.ts` in their roles) on the test PostgreSQL, against
 * the fake Slack and the fake Discord. Every process becomes ready and is listed; a signed command to the web
 * process is answered; the worker posts a due weekly question on Discord through the proxy; Ctrl-C (SIGINT)
 * stops everything, and no process is left.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, IDS } from '../fakes/discord/index.js';
import { applicationKeys } from '../fakes/discord/signed-interactions.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { sendSlashCommand } from '../fakes/slack/signed-requests.js';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres.js';
import { seedPostgresSubscriptions } from '../helpers/due-subscriptions.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SIGNING = 'real-cluster-signing-secret';

let slack: FakeSlack;
let discord: FakeDiscord;

beforeEach(async () => {
  slack = await FakeSlack.start();
  discord = await FakeDiscord.start();
});

afterEach(async () => {
  await slack.close();
  await discord.close();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(postgresAvailable)('npm run cluster with the real processes', () => {
  it('starts the proxy, a worker and a web process that answer and deliver; Ctrl-C stops them all', async () => {
    const url = await createTestDatabase();
    const channel = '600000000000000001';
    discord.records.extraChannels.add(channel);
    await seedPostgresSubscriptions(url, [{ platform: 'discord', tenantId: IDS.guild, channelId: channel }]);
    const { publicHex } = applicationKeys();
    const launcher = spawn(process.execPath, ['--import', 'tsx', 'src/cli/cluster/main.ts', '--web', '1'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'] ?? '',
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: 'xoxb-real-cluster',
        SLACK_SIGNING_SECRET: SIGNING,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_PUBLIC_KEY: publicHex,
        DISCORD_API_URL: discord.apiUrl,
        SWEEP_EVERY_SECONDS: '1',
        SHUTDOWN_GRACE_SECONDS: '5',
      },
    });
    let out = '';
    let err = '';
    launcher.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    launcher.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    try {
      await until(() => out.includes('Ctrl-C stops them all') || launcher.exitCode !== null, 'the summary', 90_000);
      expect(launcher.exitCode, err).toBeNull();
      const listed = [...out.matchAll(/^ {2}(\S+) +http:\/\/127\.0\.0\.1:(\d+)\S* +pid (\d+)/gmu)];
      expect(listed.map((m) => m[1])).toEqual(['discord-proxy', 'worker-1', 'web-1']);
      const web = Number(listed[2]?.[2]);
      const fields = {
        command: '/agenda',
        text: 'help',
        response_url: slack.responseUrl('help'),
        team_id: slack.teamId,
      };
      const answer = await sendSlashCommand(`http://127.0.0.1:${web}/slack/events`, SIGNING, fields);
      expect(answer.status).toBe(200);
      await slack.until(() => answer.body !== '' || slack.responses.some((r) => r.id === 'help'));
      // The worker's weekly question and its thread's first message, both through the proxy.
      await discord.waitFor(() => discord.records.messages.length === 2, 'the weekly question', 60_000);
      launcher.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('Stopped.');
      expect(listed.map((m) => alive(Number(m[3])))).toEqual([false, false, false]);
    } finally {
      if (launcher.exitCode === null) launcher.kill('SIGKILL');
    }
  }, 150_000);
});
