import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarFeedBaseUrl, loadConfig, readEnvironment } from '../src/config.js';
import { configProblems as problemsOf } from './helpers/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults with no environment, and no platform', () => {
    const config = loadConfig({}, 'Pacific/Auckland');
    expect(config).toEqual({
      agendaPath: 'data/agenda.json',
      databasePath: 'data/agendabot.db',
      logLevel: 'info',
      defaultTimezone: 'UTC',
      shellTimezone: 'Pacific/Auckland',
      digestCatchupHours: 24,
      reminderHours: 24,
      jobs: { concurrency: 160, leaseMs: 300_000, sweepEverySeconds: 60 },
      run: { role: 'all', shutdownGraceMs: 25_000, port: 3000 },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('shows shell times in DEFAULT_TIMEZONE when it is set, else in the machine zone', () => {
    expect(loadConfig({ DEFAULT_TIMEZONE: 'Asia/Tokyo' }, 'Pacific/Auckland').shellTimezone).toBe('Asia/Tokyo');
    expect(loadConfig({ DEFAULT_TIMEZONE: 'UTC' }, 'Pacific/Auckland').shellTimezone).toBe('UTC');
    expect(loadConfig({}, 'Pacific/Auckland').shellTimezone).toBe('Pacific/Auckland');
  });

  it('reads the settings for several processes, and refuses a sweep interval that does not divide a minute', () => {
    const config = loadConfig({
      DELIVERY_CONCURRENCY: '8',
      DELIVERY_LEASE_SECONDS: '30',
      SWEEP_EVERY_SECONDS: '5',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_POSTS_PER_SECOND: '33',
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_REQUESTS_PER_SECOND: '16',
    });
    expect(config.jobs).toEqual({ concurrency: 8, leaseMs: 30_000, sweepEverySeconds: 5 });
    expect(config.slack?.postsPerSecond).toBe(33);
    expect(config.discord?.requestsPerSecond).toBe(16);
    expect(() => loadConfig({ SWEEP_EVERY_SECONDS: '7' })).toThrow(
      'SWEEP_EVERY_SECONDS=7 must divide 60 (e.g. 1, 5, 30, 60).',
    );
  });

  it('reads a complete Slack HTTP setup and a Discord setup side by side', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      PORT: '3100',
      SLACK_ADMIN_USER_IDS: 'U1, U2',
      DISCORD_TOKEN: 'abc',
      DISCORD_APPLICATION_ID: '123456789012345678',
    });
    expect(config.slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'shh',
      apiUrl: 'http://127.0.0.1:4000/api/',
      port: 3100,
      adminUserIds: ['U1', 'U2'],
    });
    expect(config.discord).toEqual({ token: 'abc', applicationId: '123456789012345678' });
  });

  it('serves calendar feeds at PUBLIC_BASE_URL only when Slack runs in HTTP mode', () => {
    const slackHttp = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };
    const http = loadConfig({ ...slackHttp, PUBLIC_BASE_URL: 'https://bot.example.org/' });
    expect(http.publicBaseUrl).toBe('https://bot.example.org');
    expect(calendarFeedBaseUrl(http)).toBe('https://bot.example.org');
    const socketMode = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    const socket = loadConfig({ ...socketMode, PUBLIC_BASE_URL: 'https://bot.example.org' });
    expect(calendarFeedBaseUrl(socket)).toBeUndefined();
    expect(calendarFeedBaseUrl(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org' }))).toBeUndefined();
    expect(calendarFeedBaseUrl(loadConfig(slackHttp))).toBeUndefined();
    expect(problemsOf({ PUBLIC_BASE_URL: 'bot.example.org' })).toEqual(['PUBLIC_BASE_URL is not an http(s) URL.']);
  });

  it('lists every problem at once, naming what is missing', () => {
    const problems = problemsOf({
      SLACK_APP_TOKEN: 'xoxb-wrong',
      DISCORD_TOKEN: 'abc',
      DEFAULT_TIMEZONE: 'Europe/Berln',
      LOG_LEVEL: 'loud',
      DIGEST_CATCHUP_HOURS: 'soon',
      SLACK_API_URL: 'ftp://example.org/api/',
    });
    expect(problems).toEqual([
      'LOG_LEVEL=loud is not one of fatal, error, warn, info, debug, trace, silent.',
      'DEFAULT_TIMEZONE=Europe/Berln is not an IANA time zone such as Europe/Berlin.',
      'DIGEST_CATCHUP_HOURS=soon is not a number from 0 to 168.',
      'SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…).',
      'SLACK_APP_TOKEN must be an app-level token starting with xapp-.',
      'SLACK_API_URL is not an http(s) URL.',
      'DISCORD_APPLICATION_ID is missing: Discord needs the application id.',
    ]);
  });

  it('rejects a Slack setup with neither a signing secret nor an app token', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'Slack needs SLACK_APP_TOKEN (xapp-…, for Socket Mode) or SLACK_SIGNING_SECRET (for HTTP mode).',
    ]);
  });

  it('takes a PostgreSQL DATABASE_URL, and refuses any other without repeating it', () => {
    const url = 'postgresql://bot:s3cret-pass@db.internal:5432/agendabot';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/agendabot' }).databaseUrl).toBe('postgres://db/agendabot');
    const problems = problemsOf({ DATABASE_URL: 'mysql://bot:s3cret-pass@db/agendabot' });
    expect(problems).toEqual([
      'DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite).',
    ]);
  });

  it('sizes the PostgreSQL pool at 20 connections unless DATABASE_POOL_SIZE says otherwise', () => {
    const url = 'postgres://db/agendabot';
    expect(loadConfig({ DATABASE_URL: url }).databasePoolSize).toBe(20);
    expect(loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '8' }).databasePoolSize).toBe(8);
    expect(problemsOf({ DATABASE_URL: url, DATABASE_POOL_SIZE: '0' })).toEqual([
      'DATABASE_POOL_SIZE=0 is not a number from 1 to 1000.',
    ]);
  });

  it('never puts a token value into its error message', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-very-secret', SLACK_APP_TOKEN: 'not-an-app-token-secret' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });

  it('fills gaps from a .env file but lets the real environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agendabot-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nLOG_LEVEL=debug\nDEFAULT_TIMEZONE=Asia/Tokyo\n');
    const env = readEnvironment({ LOG_LEVEL: 'warn' }, file);
    expect(loadConfig(env)).toMatchObject({ logLevel: 'warn', defaultTimezone: 'Asia/Tokyo' });
  });
});
