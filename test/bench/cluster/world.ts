/**
 * The platforms the cluster bench runs against: the fake Slack with three workspaces installed in OAuth mode
 * (a bot token each), limited per channel and per workspace, and the fake Discord enforcing the bot's global
 * 50 requests/s with 429s; both answer after a set latency. Also the Ed25519 key pair Discord would sign
 * interactions with, and the settings the cluster's processes get.
 */
import type { KeyObject } from 'node:crypto';
import { FakeDiscord, IDS } from '../../fakes/discord/index.js';
import { applicationKeys } from '../../fakes/discord/signed-interactions.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import type { FakeGrant } from '../../fakes/slack/methods.js';
import { discordGlobalLimiter } from '../fanout/discord-limits.js';

export const TEAMS = ['TBENCHA', 'TBENCHB', 'TBENCHC'] as const;
export const SIGNING_SECRET = 'cluster-bench-signing-secret';
export const SECRET_KEY = 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=';
const CLIENT = { id: '111.222', secret: 'cluster-bench-client-secret' };

export interface BenchWorld {
  readonly slack: FakeSlack;
  readonly discord: FakeDiscord;
  readonly discordKey: KeyObject;
  /** What every process of the cluster gets (the launcher adds the database, ports and roles). */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export interface WorldOptions {
  readonly latencyMs: number;
  /** chat.postMessage per workspace per second before a 429 (ours: Slack publishes none). */
  readonly workspacePerSecond: number;
  readonly discordPerSecond: number;
}

export function grantOf(team: string): FakeGrant {
  return {
    teamId: team,
    teamName: `Lab ${team}`,
    botToken: `xoxb-${team}-bench`,
    botUserId: `UBOT${team}`,
    botId: `B${team}`,
    installerId: `UADMIN${team}`,
  };
}

export async function startWorld(options: WorldOptions, processEnv: Record<string, string>): Promise<BenchWorld> {
  const slack = await FakeSlack.start();
  slack.oauthClient = CLIENT;
  slack.latencyMs = options.latencyMs;
  slack.limiter = slackLimits(options.workspacePerSecond);
  for (const team of TEAMS) slack.installedTokens.set(grantOf(team).botToken, grantOf(team));
  let sequence = 0;
  (slack as { nextTs: () => string }).nextTs = () =>
    `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
  const discord = await FakeDiscord.start();
  discord.latencyMs = options.latencyMs;
  discord.limiter = discordGlobalLimiter(options.discordPerSecond);
  const { publicHex, privateKey } = applicationKeys();
  const env = {
    PATH: process.env['PATH'] ?? '',
    LOG_LEVEL: 'warn',
    SLACK_CLIENT_ID: CLIENT.id,
    SLACK_CLIENT_SECRET: CLIENT.secret,
    SLACK_STATE_SECRET: 'cluster-bench-state-secret',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    AGENDABOT_SECRET_KEY: SECRET_KEY,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_PUBLIC_KEY: publicHex,
    // The proxy's upstream: the launcher points every bot process at the proxy instead.
    DISCORD_API_URL: discord.apiUrl,
    SWEEP_EVERY_SECONDS: '5',
    SHUTDOWN_GRACE_SECONDS: '10',
    ...processEnv,
  };
  return {
    slack,
    discord,
    discordKey: privateKey,
    env,
    close: async () => {
      await slack.close();
      await discord.close();
    },
  };
}

/**
 * chat.postMessage at most 1 per channel and `perWorkspace` per workspace (told apart by bot token) in any
 * second, counted on arrival; past either, 429 with `Retry-After: 1`.
 */
function slackLimits(perWorkspace: number): (call: RecordedCall) => number | undefined {
  const lastInChannel = new Map<string, number>();
  const byWorkspace = new Map<string, number[]>();
  return (call) => {
    if (call.method !== 'chat.postMessage') return undefined;
    const channel = String(call.args['channel']);
    const recent = byWorkspace.get(call.token ?? '') ?? [];
    byWorkspace.set(call.token ?? '', recent);
    while (recent.length > 0 && (recent[0] ?? 0) <= call.at - 1000) recent.shift();
    if ((lastInChannel.get(channel) ?? -Infinity) > call.at - 1000) return 1;
    if (recent.length >= perWorkspace) return 1;
    lastInChannel.set(channel, call.at);
    recent.push(call.at);
    return undefined;
  };
}
