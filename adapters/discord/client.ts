/**
 * Builds the discord.js client. Slash commands, buttons and forms arrive as interactions,
 * which need no intent at all; the Guilds intent (not privileged) keeps guilds, roles and
 * channels cached for permission checks. No message content, no members intent.
 */
import { Client, GatewayIntentBits, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';

export interface ClientOptions {
  /** REST tuning (tests lower the rate-limit offset); `api` comes from the config. */
  readonly rest?: Partial<Omit<RESTOptions, 'api'>>;
}

export function createDiscordClient(config: DiscordConfig, options: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // Belt and braces: render sets allowed_mentions on every message too.
    allowedMentions: { parse: [], repliedUser: false },
    rest: {
      ...options.rest,
      ...(config.apiUrl !== undefined ? { api: config.apiUrl.replace(/\/+$/u, '') } : {}),
    },
  });
}
