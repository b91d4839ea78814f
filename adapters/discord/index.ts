/**
 * The Discord adapter's entry point for the composition root: connects the client,
 * routes interactions to the dispatcher, and hands back the delivery port for
 * scheduled work. Slack and Discord can run side by side in one process.
 */
import { Events, type Client } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { DeliveryPort } from '../../src/core/ports.js';
import type { Logger } from '../../src/log.js';
import { createDiscordClient, type ClientOptions } from './client.js';
import { DiscordDeliveryPort } from './delivery-port.js';
import { errorFields } from './errors.js';
import { registerInlineReferences } from './inline-references.js';
import { handleInteraction } from './interactions.js';

export interface StartDiscordOptions {
  readonly config: DiscordConfig;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** For tests: REST tuning, and how long a button or a command may run before it is acknowledged. */
  readonly client?: ClientOptions;
  readonly actionDeadlineMs?: number;
  readonly replyBudgetMs?: number;
}

export interface DiscordAdapter {
  readonly delivery: DeliveryPort;
  /** The connected client, for adapter-level features (e.g. scheduled events). */
  readonly client: Client;
  stop(): Promise<void>;
}

/** Logs in and resolves once the gateway is ready (guilds received). */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordAdapter> {
  const logger = options.logger.child({ platform: 'discord' });
  const client = createDiscordClient(options.config, options.client);
  const deps = {
    dispatcher: options.dispatcher,
    logger,
    ...(options.actionDeadlineMs !== undefined ? { actionDeadlineMs: options.actionDeadlineMs } : {}),
    ...(options.replyBudgetMs !== undefined ? { replyBudgetMs: options.replyBudgetMs } : {}),
  };
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, deps));
  if (options.config.inlineReferences === true) registerInlineReferences(client, options.dispatcher, logger);
  client.on(Events.Error, (error) => logger.error({ err: errorFields(error) }, 'discord client error'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'discord gateway resumed'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'discord gateway disconnected for good'),
  );

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(options.config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
  return {
    delivery: new DiscordDeliveryPort(client),
    client,
    async stop() {
      await client.destroy();
      logger.info({}, 'discord stopped');
    },
  };
}
