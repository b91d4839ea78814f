/**
 * One Discord fan-out run: `subscriptions` weekly questions due at once in distinct text
 * channels of one guild (each: the post, its thread, the thread's first message: three
 * requests), delivered by `processes` bot processes on one SQLite file against the fake
 * Discord with 50 ms per call and a global limit of `perSecond` requests. The processes split
 * the bot's budget evenly: each gets `DISCORD_REQUESTS_PER_SECOND` = perSecond / processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nonceOf } from '../../../adapters/discord/post-marker.js';
import { FakeDiscord, IDS } from '../../fakes/discord/index.js';
import { seedSubscriptions, stopAll, type Bot } from '../../process/bot-processes.js';
import { startBots } from './bots.js';
import { discordGlobalLimiter } from './discord-limits.js';
import { expectedKeys, ratePerSecond, steadyPerSecond, tally, untilDoneOrStalled, type Outcome } from './report.js';

export interface DiscordScenario {
  readonly subscriptions: number;
  readonly processes: number;
  readonly latencyMs: number;
  readonly perSecond: number;
  readonly stallMs: number;
}

export async function runDiscordScenario(scenario: DiscordScenario): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'agendabot-fanout-discord-'));
  const discord = await FakeDiscord.start();
  let bots: Bot[] = [];
  try {
    discord.latencyMs = scenario.latencyMs;
    discord.limiter = discordGlobalLimiter(scenario.perSecond);
    const channels = Array.from({ length: scenario.subscriptions }, (_, i) => String(600000000000000001n + BigInt(i)));
    for (const channel of channels) discord.records.extraChannels.add(channel);
    const databasePath = join(dir, 'bench.db');
    const { week } = seedSubscriptions(databasePath, { platform: 'discord', tenantId: IDS.guild, channels });
    const started = Date.now();
    const share = scenario.perSecond / scenario.processes;
    const env = async (): Promise<Record<string, string>> => ({
      DATABASE_PATH: databasePath,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_REQUESTS_PER_SECOND: share.toFixed(2),
    });
    const run = await startBots(scenario.processes, env);
    bots = run.bots;
    const expected = scenario.subscriptions * 2;
    await untilDoneOrStalled(() => discord.records.messages.length, expected, scenario.stallMs);
    await stopAll(bots);
    bots = [];
    return discordOutcome(discord, scenario.subscriptions, week, started);
  } finally {
    await stopAll(bots);
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function discordOutcome(discord: FakeDiscord, subscriptions: number, week: string, started: number): Outcome {
  const { messages, requests } = discord.records;
  const keys = expectedKeys(subscriptions, week);
  const keyOfNonce = new Map(keys.map((key) => [nonceOf(key), key]));
  const posted = messages.map((m) => keyOfNonce.get(String(m.body['nonce'])) ?? 'unexpected');
  const { duplicates, losses } = tally(posted, keys);
  const counted = requests.filter((r) => r.path.startsWith('/channels/'));
  const served = counted.filter((r) => r.status !== 429);
  const postTimes = messages.map((m) => Date.parse(String(m.json['timestamp'])));
  const { perSecond, last } = ratePerSecond(postTimes, started);
  return {
    messages: messages.length,
    perSecond,
    duplicates,
    losses,
    rateLimited: counted.length - served.length,
    lastPostS: (last - started) / 1000,
    requestsPerSecond: ratePerSecond(
      served.map((r) => r.at),
      started,
    ).perSecond,
    steadyRequestsPerSecond: steadyPerSecond(served.map((r) => r.at)),
  };
}
