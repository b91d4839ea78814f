/**
 * Discord without a gateway connection, for web and worker processes: the client never logs
 * in, so nothing here needs sharding, and any number of processes can run. Everything goes
 * through REST with the bot token: deliveries, permission checks (guild, channel and member
 * fetched, as the client's cache is empty), and, with `DISCORD_PUBLIC_KEY`, the HTTP
 * interactions route for the caller's server. The bot's user id, which a gateway login would
 * give, is asked of `GET /users/@me` once at start, which also checks the token.
 */
import { Routes, type Client, type APIUser } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { Logger } from '../../src/log.js';
import { createDiscordClient, type ClientOptions } from './client.js';
import { DiscordDeliveryPort } from './delivery-port.js';
import { errorFields } from './errors.js';
import { INTERACTIONS_PATH, interactionsListener, type RequestListener } from './http/endpoint.js';
import type { InteractionDeps } from './interactions.js';

export interface StartDiscordRestOptions {
  readonly config: DiscordConfig;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  readonly client?: ClientOptions;
  /** Given each interaction's work, deferred edits included, so shutdown can wait for it. */
  readonly track?: (work: Promise<unknown>) => void;
}

export interface RestOnlyDiscord {
  readonly delivery: DiscordDeliveryPort;
  /** With `config.http`: `POST /discord/interactions`, for the caller's HTTP server. */
  readonly interactionsRoute?: { readonly path: string; readonly method: 'POST'; readonly handler: RequestListener };
  stop(): Promise<void>;
}

export async function startDiscordRest(options: StartDiscordRestOptions): Promise<RestOnlyDiscord> {
  const logger = options.logger.child({ platform: 'discord' });
  const client = createDiscordClient(options.config, options.client);
  client.rest.setToken(options.config.token);
  const bot = await whoAmI(client).catch(async (error: unknown) => {
    await client.destroy();
    throw error;
  });
  logger.info({ user: bot.username, gateway: false }, 'discord ready (REST only)');
  const http = options.config.http;
  const deps: InteractionDeps = { dispatcher: options.dispatcher, logger };
  const handler =
    http === undefined
      ? undefined
      : interactionsListener({
          publicKey: http.publicKey,
          deps,
          rest: client.rest,
          ...(options.track !== undefined ? { track: options.track } : {}),
        });
  return {
    delivery: new DiscordDeliveryPort(client, bot.id),
    ...(handler ? { interactionsRoute: { path: INTERACTIONS_PATH, method: 'POST' as const, handler } } : {}),
    async stop() {
      await client.destroy();
      logger.info({}, 'discord stopped');
    },
  };
}

/** The bot user, which also proves the token; a refusal names the setting, never its value. */
async function whoAmI(client: Client): Promise<APIUser> {
  try {
    return (await client.rest.get(Routes.user('@me'))) as APIUser;
  } catch (error) {
    const { status, code } = errorFields(error) as { status?: number; code?: number | string };
    const why = status === undefined ? 'no answer' : `${status}${code !== undefined ? ` ${code}` : ''}`;
    // eslint-disable-next-line preserve-caught-error -- the error can carry the request; keep the token out of the log
    throw new Error(`Discord refused DISCORD_TOKEN or could not be reached (GET /users/@me: ${why}).`);
  }
}
