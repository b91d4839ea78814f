/**
 * Builds the Bolt App for one of two connection modes: Socket Mode when an app token
 * is configured (self-hosting with no public URL), HTTP otherwise (`/slack/events`,
 * every request verified with the signing secret). The Web API base URL, when set,
 * reaches every client Bolt makes, including the Socket Mode client's own.
 */
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type CustomRoute, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { boltLogger } from './bolt-logger.js';
import { refuseOutOfTimeRequests } from './request-age.js';
import { httpAckProperties, rememberResponses } from './http-ack.js';
import { socketAckProperties } from './socket-ack.js';

/** Where Slack sends slash commands and interactivity in HTTP mode. */
export const EVENTS_PATH = '/slack/events';
/** OAuth mode: Bolt's "Add to Slack" page and the address Slack sends the installer back to. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** A Bolt App and the connection mode it was built for. */
export interface BuiltApp {
  readonly app: App;
  readonly mode: 'socket' | 'http';
}

/** Retries for transient Web API failures and 429s (which wait for Retry-After first). */
export const DEFAULT_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 };

/**
 * Bolt's default conversation store (`context.conversation`, which nothing here reads) looks every
 * request's channel up before any listener runs, and rejects with a new Error when it finds none.
 */
export const NO_CONVERSATION_STORE = { convoStore: false } as const;

/** Who the bot token belongs to (from auth.test), so Bolt need not ask again. */
export interface BotIdentity {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
}

/** Options for every WebClient the app makes. A fresh object each time: the Socket Mode client mutates its copy. */
export function webClientOptions(
  config: SlackConfig,
  logger: Logger,
  retryConfig: webApi.RetryOptions = DEFAULT_RETRY,
): webApi.WebClientOptions {
  return {
    retryConfig,
    logger: boltLogger(logger, LogLevel.INFO),
    logLevel: LogLevel.INFO,
    ...(config.apiUrl !== undefined ? { slackApiUrl: config.apiUrl } : {}),
  };
}

/**
 * Options for the clients scheduled posts go out with, in either mode: they retry nothing
 * themselves. A post whose answer was lost may have gone out, and only the outbox retries it
 * safely (it looks for the post first). A 429 comes back to the outbox too, which makes that
 * channel wait for Retry-After; a retrying client would pause every call of its workspace instead.
 */
export function deliveryClientOptions(config: SlackConfig, logger: Logger): webApi.WebClientOptions {
  return { ...webClientOptions(config, logger, { retries: 0 }), rejectRateLimitedCalls: true };
}

/** Builds (does not start) the Bolt App: Socket Mode if `config.appToken` is set, else HTTP. */
export function buildSlackApp(
  config: SlackConfig,
  logger: Logger,
  identity: BotIdentity,
  retryConfig: webApi.RetryOptions = DEFAULT_RETRY,
  /** Extra HTTP routes (HTTP mode only), e.g. the calendar feed. */
  customRoutes: CustomRoute[] = [],
): BuiltApp {
  const log = boltLogger(logger, LogLevel.INFO);
  const clientOptions = (): webApi.WebClientOptions => webClientOptions(config, logger, retryConfig);
  // With the bot's ids given, Bolt skips its own auth.test (whose failure it would leave unhandled).
  const common = {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger: log,
    logLevel: LogLevel.INFO,
    ...NO_CONVERSATION_STORE,
  };

  if (config.appToken !== undefined) {
    const receiver: SocketModeReceiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: log,
      logLevel: LogLevel.INFO,
      // The Socket Mode client makes its own WebClient (for apps.connections.open): give it the same base URL.
      installerOptions: { clientOptions: clientOptions() },
      customPropertiesExtractor: (args: { ack?: unknown; envelope_id?: unknown }) =>
        socketAckProperties(args, receiver.client),
    });
    const app = new App({ ...common, receiver, clientOptions: clientOptions() });
    return { app, mode: 'socket' };
  }

  if (config.signingSecret === undefined) {
    throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode).');
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: EVENTS_PATH,
    customRoutes,
    logger: log,
    logLevel: LogLevel.INFO,
    customPropertiesExtractor: httpAckProperties,
  });
  // The receiver's server calls `requestListener` per request, so the guard sits in front of Bolt's checks.
  receiver.requestListener = rememberResponses(refuseOutOfTimeRequests(receiver.requestListener, logger));
  const app = new App({ ...common, receiver, clientOptions: clientOptions() });
  return { app, mode: 'http' };
}
