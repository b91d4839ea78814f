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
import { handleInteraction, type InteractionDeps } from './interactions.js';
import { INTERACTIONS_PATH, interactionsListener, type RequestListener } from './http/endpoint.js';
import { serveInteractions, type InteractionsServer } from './http/server.js';

export interface StartDiscordOptions {
  readonly config: DiscordConfig;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** For tests: REST tuning, and how long a button or a command may run before it is acknowledged. */
  readonly client?: ClientOptions;
  readonly actionDeadlineMs?: number;
  readonly replyBudgetMs?: number;
  /**
   * With `config.http`: true when another HTTP server (Slack's receiver) will mount the
   * interactions route this returns; false or unset to serve it on its own server at `config.http.port`.
   */
  readonly shareHttpServer?: boolean;
  /** For tests: the clock HTTP interactions' timestamps are checked against (ms). */
  readonly now?: () => number;
  /** Given each interaction's work, deferred edits included, so shutdown can wait for it. */
  readonly track?: (work: Promise<unknown>) => void;
}

export { startDiscordRest } from './rest-only.js';

/** `POST /discord/interactions`, for another HTTP server to mount. */
export interface InteractionsRoute {
  readonly path: string;
  readonly method: 'POST';
  readonly handler: RequestListener;
}

export interface DiscordAdapter {
  readonly delivery: DeliveryPort;
  /** The connected client, for adapter-level features (e.g. scheduled events). */
  readonly client: Client;
  /** With `config.http` and `shareHttpServer`: the route to mount. */
  readonly interactionsRoute?: InteractionsRoute;
  /** With `config.http` on its own server: the port it listens on. */
  readonly interactionsPort?: number;
  stop(): Promise<void>;
}

/** Logs in and resolves once the gateway is ready (guilds received). */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordAdapter> {
  const logger = options.logger.child({ platform: 'discord' });
  const client = createDiscordClient(options.config, options.client);
  const deps: InteractionDeps = {
    dispatcher: options.dispatcher,
    logger,
    ...(options.actionDeadlineMs !== undefined ? { actionDeadlineMs: options.actionDeadlineMs } : {}),
    ...(options.replyBudgetMs !== undefined ? { replyBudgetMs: options.replyBudgetMs } : {}),
  };
  client.on(Events.InteractionCreate, (interaction) => {
    const work = handleInteraction(interaction, deps);
    options.track?.(work);
    void work;
  });
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
  const http = await startHttpInteractions(options, deps, client).catch(async (error: unknown) => {
    await client.destroy();
    throw error;
  });
  return {
    delivery: new DiscordDeliveryPort(client),
    client,
    ...http.exposed,
    async stop() {
      await http.server?.close();
      await client.destroy();
      logger.info({}, 'discord stopped');
    },
  };
}

/**
 * HTTP interactions, when `DISCORD_PUBLIC_KEY` is set: the route for Slack's server, or its own
 * server. The gateway listener above stays: it is idle while the portal's Interactions Endpoint
 * URL is set, and takes over again when that URL is cleared.
 */
async function startHttpInteractions(
  options: StartDiscordOptions,
  deps: InteractionDeps,
  client: Client,
): Promise<{ exposed: Pick<DiscordAdapter, 'interactionsRoute' | 'interactionsPort'>; server?: InteractionsServer }> {
  const http = options.config.http;
  if (http === undefined) return { exposed: {} };
  const handler = interactionsListener({
    publicKey: http.publicKey,
    deps,
    rest: client.rest,
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.track !== undefined ? { track: options.track } : {}),
  });
  if (options.shareHttpServer === true) {
    return { exposed: { interactionsRoute: { path: INTERACTIONS_PATH, method: 'POST', handler } } };
  }
  const server = await serveInteractions(handler, http);
  deps.logger.info({ port: server.port, path: INTERACTIONS_PATH }, 'discord interactions endpoint listening');
  return { exposed: { interactionsPort: server.port }, server };
}
