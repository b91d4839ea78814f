/**
 * All configuration, read once from the environment (and a `.env` file, if present)
 * and checked at start-up. Every problem is reported in one message. No other module
 * reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { databaseSettings, type DatabaseConfig } from './config-database.js';
import { discordHttpConfig, type DiscordHttpConfig } from './config-discord-http.js';
import { jobsConfig, type JobsConfig } from './config-jobs.js';
import { roleConfig, type RunSettings } from './config-roles.js';
import { isTimeZone, withShellTimezone } from './config-timezone.js';
import { OAUTH_SETTINGS, oauthConfig, slackModeProblems } from './config-slack-oauth.js';
import type { SecretKey } from './secrets/secret-key.js';

/** OAuth mode: the bot is installed into many workspaces through Bolt's installer (HTTP mode only). */
export interface SlackOAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
  /** `AGENDABOT_SECRET_KEY`: encrypts the stored installations (their tokens). Prints as its id only. */
  readonly secretKey: SecretKey;
  /** `AGENDABOT_PREVIOUS_SECRET_KEY`: still decrypts rows during a key rotation. */
  readonly previousSecretKey?: SecretKey;
}

export interface SlackConfig {
  /** Single-token mode's bot token; empty in OAuth mode, where each workspace's token comes from its installation. */
  readonly botToken: string;
  /** Set: OAuth mode (many workspaces, `SLACK_CLIENT_ID` …). Unset: one workspace with `botToken`. */
  readonly oauth?: SlackOAuthConfig;
  /** Set: Socket Mode. Unset: HTTP mode on `port`, verified with `signingSecret`. */
  readonly appToken?: string;
  readonly signingSecret?: string;
  readonly apiUrl?: string;
  readonly port: number;
  /** The interface HTTP mode listens on (`HOST`); all interfaces when unset. */
  readonly host?: string;
  /** Single-token mode's extra admins (`SLACK_ADMIN_USER_IDS`); in OAuth mode each workspace's installer is one. */
  readonly adminUserIds: readonly string[];
  /** `INLINE_REFERENCES=on`: read channel messages (`message.channels`) and answer `[[3.5]]` references. */
  readonly inlineReferences?: true;
  /** Scheduled posts per second to one workspace from this process (`SLACK_POSTS_PER_SECOND`; adapter default 50). */
  readonly postsPerSecond?: number;
}

export interface DiscordConfig {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId?: string;
  readonly apiUrl?: string;
  /** `INLINE_REFERENCES=on`: ask for the privileged Message Content intent and answer `[[3.5]]` references. */
  readonly inlineReferences?: true;
  /** This process's share of the bot's global 50 requests/s (`DISCORD_REQUESTS_PER_SECOND`; unset: all 50). */
  readonly requestsPerSecond?: number;
  /** `DISCORD_PUBLIC_KEY`: interactions arrive at `POST /discord/interactions` rather than over the gateway. */
  readonly http?: DiscordHttpConfig;
}

export type { JobsConfig } from './config-jobs.js';
export { isTimeZone, machineTimezone } from './config-timezone.js';

export interface Config extends DatabaseConfig, RunSettings {
  readonly agendaPath: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly defaultTimezone: string;
  /** The zone the terminal shell shows times in: `DEFAULT_TIMEZONE` when set, else the machine's. */
  readonly shellTimezone: string;
  readonly digestCatchupHours: number;
  readonly reminderHours: number;
  readonly jobs: JobsConfig;
  readonly slack?: SlackConfig;
  readonly discord?: DiscordConfig;
  /** The address people reach this process's HTTP server at (`PUBLIC_BASE_URL`), for links such as calendar feeds. */
  readonly publicBaseUrl?: string;
  /**
   * FOR TESTS ONLY (`AGENDABOT_TEST_CRASH_AT`): the process kills itself with SIGKILL when
   * a scheduled post reaches this point, so the crash-safety test can prove that a
   * restart neither loses nor repeats the post. Never set it in production.
   */
  readonly testCrashAt?: CrashPoint;
}

/** Points in a scheduled post where the crash test may stop the process (see `Outbox`). */
export type CrashPoint = 'before-post' | 'after-post' | 'after-record';
const CRASH_POINTS: readonly CrashPoint[] = ['before-post', 'after-post', 'after-record'];

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`The configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The agenda file when `AGENDA_PATH` is not set; relative paths are read from the working directory. */
export const DEFAULT_AGENDA_PATH = 'data/agenda.json';

/** Which agenda file a process uses, and why: the bot and the agenda CLI both take it from here. */
export interface AgendaPathSetting {
  readonly path: string;
  readonly source: 'AGENDA_PATH' | 'default';
}

/**
 * The agenda file named by the environment (or `.env`). Separate from `loadConfig` so the
 * agenda CLI can use the bot's setting without needing the bot's platform tokens to be valid.
 */
export function agendaPathSetting(env: Env): AgendaPathSetting {
  const path = env['AGENDA_PATH']?.trim();
  return path ? { path, source: 'AGENDA_PATH' } : { path: DEFAULT_AGENDA_PATH, source: 'default' };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The environment, with `.env` values filling in what the real environment does not set. */
export function readEnvironment(processEnv: Env, envFile = '.env'): Env {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...processEnv };
}

/** This process's settings: its environment plus `.env` (none when `envFile` is null). The one place that touches `process.env`. */
export function processEnvironment(envFile: string | null = '.env'): Env {
  return envFile === null ? { ...process.env } : readEnvironment(process.env, envFile);
}

/** Reads values from the environment, collecting every problem instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  text(key: string): string | undefined {
    const value = this.env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  number(key: string, fallback: number, min: number, max: number): number {
    const raw = this.text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problems.push(`${key}=${raw} is not a number from ${min} to ${max}.`);
      return fallback;
    }
    return value;
  }

  url(key: string): string | undefined {
    const raw = this.text(key);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      return raw;
    } catch {
      this.problems.push(`${key} is not an http(s) URL.`);
      return undefined;
    }
  }
}

export function loadConfig(env: Env, machineZone?: string): Config {
  const read = new EnvReader(env);
  const { problems } = read;
  const logLevel = (read.text('LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel} is not one of ${LOG_LEVELS.join(', ')}.`);

  const defaultTimezone = read.text('DEFAULT_TIMEZONE') ?? 'UTC';
  if (!isTimeZone(defaultTimezone))
    problems.push(`DEFAULT_TIMEZONE=${defaultTimezone} is not an IANA time zone such as Europe/Berlin.`);

  const crashAt = read.text('AGENDABOT_TEST_CRASH_AT');
  if (crashAt !== undefined && !CRASH_POINTS.includes(crashAt as CrashPoint)) {
    problems.push(
      `AGENDABOT_TEST_CRASH_AT=${crashAt} is not one of ${CRASH_POINTS.join(', ')} (it is for tests only; leave it unset).`,
    );
  }

  const inline = inlineReferences(read);
  const shellZone = read.text('DEFAULT_TIMEZONE') === undefined ? machineZone : defaultTimezone;
  const config: Config = withShellTimezone(
    {
      agendaPath: agendaPathSetting(env).path,
      ...databaseSettings(read),
      logLevel,
      defaultTimezone,
      digestCatchupHours: read.number('DIGEST_CATCHUP_HOURS', 24, 0, 24 * 7),
      reminderHours: read.number('REMINDER_HOURS', 24, 0, 24 * 14),
      jobs: jobsConfig(read),
      ...slackConfig(read, inline),
      ...discordConfig(read, inline),
      ...roleConfig(read),
      ...publicBaseUrl(read),
      ...(CRASH_POINTS.includes(crashAt as CrashPoint) ? { testCrashAt: crashAt as CrashPoint } : {}),
    },
    shellZone,
  );
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]); // PORT is read for each server's settings
  return Object.freeze(config);
}

function slackConfig(read: EnvReader, inline: boolean): { slack?: SlackConfig } {
  const { problems } = read;
  const botToken = read.text('SLACK_BOT_TOKEN');
  const appToken = read.text('SLACK_APP_TOKEN');
  const signingSecret = read.text('SLACK_SIGNING_SECRET');
  const oauthSet = OAUTH_SETTINGS.filter((key) => read.text(key) !== undefined);
  const anySlack = botToken ?? appToken ?? signingSecret ?? read.text('SLACK_API_URL') ?? oauthSet[0];
  if (anySlack === undefined) return {};
  const oauth =
    oauthSet.length > 0 && botToken === undefined
      ? oauthConfig((key) => read.text(key), read.problems, { appToken, signingSecret })
      : undefined;
  problems.push(...slackModeProblems({ botToken, appToken, signingSecret }, oauthSet));
  if (appToken !== undefined && !appToken.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp-.');
  const apiUrl = read.url('SLACK_API_URL');
  if (apiUrl !== undefined && !apiUrl.endsWith('/'))
    problems.push('SLACK_API_URL must end with a slash, e.g. http://127.0.0.1:4000/api/.');
  const slack: SlackConfig = {
    botToken: botToken ?? '',
    port: read.number('PORT', 3000, 1, 65535),
    adminUserIds: (read.text('SLACK_ADMIN_USER_IDS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...(read.text('SLACK_POSTS_PER_SECOND') !== undefined
      ? { postsPerSecond: read.number('SLACK_POSTS_PER_SECOND', 50, 0.1, 10_000) }
      : {}),
    ...(oauth !== undefined ? { oauth } : {}),
    ...(appToken !== undefined ? { appToken } : {}),
    ...(signingSecret !== undefined ? { signingSecret } : {}),
    ...(apiUrl !== undefined ? { apiUrl } : {}),
    ...(read.text('HOST') !== undefined ? { host: read.text('HOST') ?? '' } : {}),
    ...(inline ? { inlineReferences: true as const } : {}),
  };
  return { slack };
}

function publicBaseUrl(read: EnvReader): { publicBaseUrl?: string } {
  const url = read.url('PUBLIC_BASE_URL');
  return url === undefined ? {} : { publicBaseUrl: url.replace(/\/+$/u, '') };
}

/**
 * Where reading-group calendar feeds are served, if this process serves them: they are
 * a route of the Slack HTTP receiver, so they need Slack in HTTP mode and `PUBLIC_BASE_URL`.
 */
export function calendarFeedBaseUrl(config: Config): string | undefined {
  return config.slack !== undefined && config.slack.appToken === undefined ? config.publicBaseUrl : undefined;
}

function discordConfig(read: EnvReader, inline: boolean): { discord?: DiscordConfig } {
  const { problems } = read;
  const token = read.text('DISCORD_TOKEN');
  const applicationId = read.text('DISCORD_APPLICATION_ID');
  if (token === undefined && applicationId === undefined && read.text('DISCORD_API_URL') === undefined) return {};
  if (token === undefined) problems.push('DISCORD_TOKEN is missing: Discord needs the bot token.');
  if (applicationId === undefined)
    problems.push('DISCORD_APPLICATION_ID is missing: Discord needs the application id.');
  else if (!/^\d{5,20}$/u.test(applicationId)) problems.push('DISCORD_APPLICATION_ID must be a numeric snowflake id.');
  const guildId = read.text('DISCORD_GUILD_ID');
  if (guildId !== undefined && !/^\d{5,20}$/u.test(guildId))
    problems.push('DISCORD_GUILD_ID must be a numeric snowflake id.');
  const apiUrl = read.url('DISCORD_API_URL');
  return {
    discord: {
      token: token ?? '',
      applicationId: applicationId ?? '',
      ...(read.text('DISCORD_REQUESTS_PER_SECOND') !== undefined
        ? { requestsPerSecond: read.number('DISCORD_REQUESTS_PER_SECOND', 50, 1, 50) }
        : {}),
      ...(guildId !== undefined ? { guildId } : {}),
      ...(apiUrl !== undefined ? { apiUrl } : {}),
      ...(inline ? { inlineReferences: true as const } : {}),
      ...discordHttpConfig(read),
    },
  };
}

/** `INLINE_REFERENCES`: off unless set to `on`, because it needs to read every message in a channel. */
function inlineReferences(read: EnvReader): boolean {
  const raw = read.text('INLINE_REFERENCES')?.toLowerCase();
  if (raw === undefined || raw === 'off') return false;
  if (raw === 'on') return true;
  read.problems.push(`INLINE_REFERENCES=${raw} is not on or off.`);
  return false;
}
