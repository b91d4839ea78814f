/**
 * The cluster launcher (`src/cli/cluster/`) with real processes: small stand-ins for the bot and the proxy
 * (`stand-in.ts`), so what is tested is the launcher itself: a throwaway PostgreSQL, a port per process on
 * 127.0.0.1, readiness through `/healthz`, the settings each process gets, and the order of stopping.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ClusterChild } from '../../src/cli/cluster/child.js';
import type { ClusterDatabase } from '../../src/cli/cluster/database.js';
import { runCluster, type LaunchOptions } from '../../src/cli/cluster/launch.js';
import { postgresBinDir } from '../../src/cli/cluster/postgres-server.js';
import { NOTHING_TO_ANSWER, SOCKET_MODE } from '../../src/cli/cluster/requirements.js';

const STAND_IN = ['--import', 'tsx', 'test/cluster/stand-in.ts'];
const PUBLIC_KEY = 'ab'.repeat(32);

/** Slack over HTTP in one workspace, and Discord over HTTP interactions. */
const BOTH_PLATFORMS = {
  PATH: process.env['PATH'] ?? '',
  SLACK_BOT_TOKEN: 'xoxb-launcher',
  SLACK_SIGNING_SECRET: 'launcher-secret',
  DISCORD_TOKEN: 'launcher-token',
  DISCORD_APPLICATION_ID: '500000000000000001',
  DISCORD_PUBLIC_KEY: PUBLIC_KEY,
  DISCORD_REQUESTS_PER_SECOND: '40',
  SHUTDOWN_GRACE_SECONDS: '2',
};

interface Run {
  readonly code: Promise<number>;
  readonly ready: Promise<{ children: readonly ClusterChild[]; database: ClusterDatabase }>;
  readonly out: string[];
  readonly err: string[];
  stop(): void;
}

function launch(argv: string[], env: LaunchOptions['env'], extra: Partial<LaunchOptions> = {}): Run {
  const out: string[] = [];
  const err: string[] = [];
  let stop = (): void => {};
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  let ready: (value: { children: readonly ClusterChild[]; database: ClusterDatabase }) => void = () => {};
  const readyPromise = new Promise<{ children: readonly ClusterChild[]; database: ClusterDatabase }>(
    (resolve) => (ready = resolve),
  );
  const code = runCluster(argv, {
    env,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    stopRequested,
    onReady: (children, database) => ready({ children, database }),
    commands: { bot: STAND_IN, proxy: STAND_IN },
    readyTimeoutMs: 30_000,
    ...extra,
  });
  return { code, ready: readyPromise, out, err, stop };
}

async function health(child: ClusterChild): Promise<Record<string, string | undefined>> {
  const response = await fetch(`http://127.0.0.1:${child.spec.port}/healthz`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string | undefined>;
}

describe('npm run cluster', () => {
  it.runIf(postgresBinDir() !== undefined)(
    'starts PostgreSQL, the proxy, workers and web processes on their own ports; stops them in order',
    async () => {
      const run = launch(['--web', '2', '--workers', '1'], BOTH_PLATFORMS);
      const { children, database } = await run.ready;
      expect(children.map((c) => c.spec.name)).toEqual(['discord-proxy', 'worker-1', 'web-1', 'web-2']);
      expect(new Set(children.map((c) => c.spec.port)).size).toBe(4);
      const [proxy, ...bots] = await Promise.all(children.map(health));
      const proxyUrl = `http://127.0.0.1:${children[0]?.spec.port}/api`;
      expect(proxy).toMatchObject({ role: 'discord-proxy', host: '127.0.0.1', requestsPerSecond: '40' });
      expect(bots.map((b) => b.role)).toEqual(['worker', 'web', 'web']);
      for (const bot of bots) {
        // Behind the proxy, the budget is the proxy's: no process keeps a share of its own.
        expect(bot).toMatchObject({ host: '127.0.0.1', databaseUrl: database.url, discordApiUrl: proxyUrl });
        expect(bot.requestsPerSecond).toBeUndefined();
      }
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
      const printed = run.out.join('');
      for (const child of children) expect(printed).toContain(`${child.spec.name}`);
      expect(printed).toContain(`127.0.0.1:${children[3]?.spec.port}`);

      run.stop();
      expect(await run.code).toBe(0);
      const stopped = run.err.join('').match(/stopped \S+ at \d+/gu) ?? [];
      const at = (role: string): number[] =>
        stopped.filter((line) => line.includes(` ${role} `)).map((line) => Number(line.split(' at ')[1]));
      expect(at('web')).toHaveLength(2);
      expect(at('worker')).toHaveLength(1);
      expect(Math.min(...at('discord-proxy'))).toBeGreaterThanOrEqual(Math.max(...at('web'), ...at('worker')));
      expect(existsSync(database.folder ?? '/nonexistent')).toBe(false);
      expect(children.every((child) => !child.running)).toBe(true);
    },
    60_000,
  );

  it('names the settings the web processes need when nothing is configured, and starts nothing', async () => {
    const run = launch(['--web', '1'], { PATH: process.env['PATH'] ?? '' });
    expect(await run.code).toBe(2);
    expect(run.err.join('')).toBe(`The cluster cannot start:\n${NOTHING_TO_ANSWER}\n`);
  });

  it('refuses Socket Mode alone for web processes, and lists configuration problems as the bot would', async () => {
    const socket = launch([], { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(await socket.code).toBe(2);
    expect(socket.err.join('')).toContain(NOTHING_TO_ANSWER);
    const both = launch([], { ...BOTH_PLATFORMS, SLACK_APP_TOKEN: 'xapp-1' });
    expect(await both.code).toBe(2);
    expect(both.err.join('')).toBe(`The cluster cannot start:\n${SOCKET_MODE}\n`);
    const bad = launch([], { ...BOTH_PLATFORMS, DISCORD_APPLICATION_ID: 'not-a-number' });
    expect(await bad.code).toBe(2);
    expect(bad.err.join('')).toContain('DISCORD_APPLICATION_ID must be a numeric snowflake id.');
  });

  it('refuses more connections than the throwaway PostgreSQL takes, naming the numbers', async () => {
    const run = launch(['--web', '4', '--workers', '7'], BOTH_PLATFORMS);
    expect(await run.code).toBe(2);
    expect(run.err.join('')).toBe(
      'The cluster cannot start:\n11 processes × DATABASE_POOL_SIZE=20 is 220 connections, over the throwaway ' +
        "PostgreSQL's 200: start fewer processes or set DATABASE_POOL_SIZE lower.\n",
    );
  });

  it('stops everything it started when a process cannot start, naming it', async () => {
    const run = launch(['--web', '1', '--workers', '1'], {
      ...BOTH_PLATFORMS,
      DATABASE_URL: 'postgres://127.0.0.1:1/unused',
      STAND_IN_FAIL: '1',
    });
    expect(await run.code).toBe(1);
    expect(run.err.join('')).toContain('discord-proxy exited with code 3 before it was ready');
  });
});
