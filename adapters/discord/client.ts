/**
 * Builds the discord.js client. Slash commands, buttons and forms arrive as interactions,
 * which need no intent at all; the Guilds intent (not privileged) keeps guilds, roles and
 * channels cached for permission checks. No members intent, and no message content
 * unless inline references are on (`INLINE_REFERENCES=on`): then GuildMessages and the
 * privileged MessageContent intent, which the Developer Portal must allow.
 */
import { Client, DefaultRestOptions, GatewayIntentBits, Partials, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import { spacedRequests } from './request-spacing.js';

/** Discord's global limit per bot, shared by every process that uses its token. */
const GLOBAL_REQUESTS_PER_SECOND = 50;

export interface ClientOptions {
  /** REST tuning (tests lower the rate-limit offset); `api` comes from the config. */
  readonly rest?: Partial<Omit<RESTOptions, 'api'>>;
}

export function createDiscordClient(config: DiscordConfig, options: ClientOptions = {}): Client {
  return new Client({
    // Internal sharding: discord.js asks `GET /gateway/bot` how many shards Discord recommends and opens
    // that many connections in this process, so a bot in more than 2,500 servers still connects.
    shards: 'auto',
    intents: [
      GatewayIntentBits.Guilds,
      ...(config.inlineReferences === true ? [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : []),
    ],
    // Take the channel an interaction carries even when it is not cached (a thread the
    // bot has not seen yet), so the core learns the thread and its parent channel.
    partials: [Partials.Channel],
    // Belt and braces: render sets allowed_mentions on every message too.
    allowedMentions: { parse: [], repliedUser: false },
    rest: {
      // Every process sharing the bot token shares its global limit: each takes its configured share.
      ...(config.requestsPerSecond !== undefined ? { globalRequestsPerSecond: config.requestsPerSecond } : {}),
      // This process's share, spaced evenly (see `request-spacing.ts`); discord.js's own global count stays as a backstop.
      makeRequest: spacedRequests(
        config.requestsPerSecond ?? GLOBAL_REQUESTS_PER_SECOND,
        DefaultRestOptions.makeRequest.bind(DefaultRestOptions),
      ),
      ...options.rest,
      ...(config.apiUrl !== undefined ? { api: restBase(config.apiUrl) } : {}),
    },
  });
}

/**
 * The REST base discord.js expects: without a trailing slash and without the API
 * version, which it appends itself (`http://127.0.0.1:4000/api/v10/` → `…/api`).
 */
export function restBase(apiUrl: string): string {
  return apiUrl.replace(/\/+$/u, '').replace(/\/v\d+$/u, '');
}
