/**
 * The Slack adapter's entry point for `src/main.ts`: builds the Bolt App, registers
 * every command, button and form from the core's registry, starts the connection,
 * and returns the `DeliveryPort` the core's scheduled work posts through.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi, type CustomRoute } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { referenceId } from '../../src/core/errors.js';
import type { DeliveryPort } from '../../src/core/ports.js';
import type { Logger } from '../../src/log.js';
import { registerActions } from './actions.js';
import { buildSlackApp, deliveryClientOptions, webClientOptions } from './app.js';
import { calendarFeedRoute, type CalendarFeedReader } from './calendar-feed.js';
import { registerCommands } from './commands.js';
import { registerInlineReferences } from './inline-references.js';
import { registerHomeTab } from './home-tab.js';
import type { WithWorkspaceClient } from './home-publisher.js';
import { withWorkspaceClient } from './workspace-clients.js';
import { DEFAULT_POSTS_PER_SECOND, SlackDeliveryPort } from './delivery-port.js';
import { describeError } from './slack-errors.js';
import { checkBotToken } from './bot-token.js';
import type { InstallationVault } from '../../src/persistence/installation-vault.js';

/** What `startSlack` needs; the integrator passes `config.slack`, the dispatcher and the logger. */
export interface StartSlackOptions {
  readonly config: SlackConfig;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** Overrides the Web API retry policy (tests use short waits). */
  readonly retryConfig?: webApi.RetryOptions;
  /** Overrides `config.port` in HTTP mode (tests pass 0 for an ephemeral port). */
  readonly port?: number;
  /** The interface to listen on in HTTP mode (default: all; tests pass 127.0.0.1). */
  readonly host?: string;
  /** How long a command may run before it is acknowledged empty and answered via `response_url` (ms). */
  readonly replyBudgetMs?: number;
  /** HTTP mode: serves reading-group calendar feeds at `/calendar/<token>.ics` (core: `calendarFeed`). */
  readonly calendarFeed?: CalendarFeedReader;
  /** At most one Home tab publish per person this often (default 3 s; tests pass less). */
  readonly homeIntervalMs?: number;
  /** OAuth mode (`config.oauth`): the stored installations, sealed with the configured key. */
  readonly installations?: InstallationVault;
  /** HTTP mode: more routes on the same server (Discord's HTTP interactions endpoint, `/healthz`). */
  readonly routes?: readonly CustomRoute[];
  /** Given the work of each request, acknowledged or not, so shutdown can wait for replies still to be sent. */
  readonly track?: (work: Promise<unknown>) => void;
}

export { startSlackDelivery, type StartSlackDeliveryOptions } from './delivery-only.js';

/** A started adapter: its delivery port (add it to `DeliveryPorts`) and how to stop it. */
export interface RunningSlack {
  readonly delivery: DeliveryPort;
  readonly mode: 'socket' | 'http';
  /** The port Bolt listens on in HTTP mode. */
  readonly port?: number;
  /** HTTP mode: Bolt's server, for shutdown to stop taking requests on. */
  readonly server?: Server;
  stop(): Promise<void>;
}

/** Checks the token, registers the registry's commands, buttons and forms, and connects. */
export async function startSlack(options: StartSlackOptions): Promise<RunningSlack> {
  const { config, dispatcher } = options;
  const logger = options.logger.child({ platform: 'slack' });
  if (config.appToken === undefined && config.signingSecret === undefined) {
    throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode).');
  }
  const routes = [
    ...(options.calendarFeed ? [calendarFeedRoute(options.calendarFeed, logger)] : []),
    ...(options.routes ?? []),
  ];
  const { app, mode, delivery, teamId, withClient } = await buildForMode(options, logger, routes);

  const homeTab = registerHomeTab(app, dispatcher, logger, {
    minIntervalMs: options.homeIntervalMs,
    ...(withClient ? { withClient } : {}),
  });
  const { track } = options;
  // First of ours, so that it wraps every request (commands included): a command acknowledged at once
  // may still answer by response_url, which shutdown waits for; then the Home tab is redrawn if that
  // request changed it.
  app.use(async ({ body, next }) => {
    const work = next().then(() => homeTab.handled(body));
    track?.(work);
    await work;
  });
  registerCommands(app, dispatcher, logger, options.replyBudgetMs);
  registerActions(app, dispatcher, logger);
  if (config.inlineReferences) registerInlineReferences(app, dispatcher, logger);
  // Last resort: anything a handler let through is logged with a reference id.
  app.error(async (error) => {
    // A refused workspace was already logged, clearly, by the installation store.
    if ((error as { code?: string }).code === 'slack_bolt_authorization_error') return;
    logger.error({ ref: referenceId(), error: describeError(error) }, 'unhandled error in a slack handler');
  });

  let server: Server | undefined;
  if (mode === 'http') {
    const listenPort = options.port ?? config.port;
    server = await app.start(options.host !== undefined ? { port: listenPort, host: options.host } : listenPort);
  } else {
    await app.start();
  }
  const port = server ? (server.address() as AddressInfo).port : undefined;
  logger.debug({ mode, teamId, ...(port !== undefined ? { port } : {}) }, 'slack connected');

  return {
    delivery,
    mode,
    ...(port !== undefined && server ? { port, server } : {}),
    stop: async () => {
      homeTab.stop();
      await app.stop();
    },
  };
}

/** Single-token mode checks its token and serves one workspace; OAuth mode serves every installed one. */
async function buildForMode(options: StartSlackOptions, logger: Logger, routes: CustomRoute[]) {
  const { config } = options;
  if (config.oauth !== undefined) {
    if (options.installations === undefined) throw new Error('Slack OAuth mode needs the installation store.');
    const deps = {
      installations: options.installations,
      services: options.dispatcher.services,
      logger,
      retryConfig: options.retryConfig,
      customRoutes: routes,
    };
    // Loaded only in OAuth mode: it brings @slack/oauth's installer and yaml (the manifest page).
    const { oauthMode } = await import('./oauth-mode.js');
    const { built, delivery, homeClients } = oauthMode(config, config.oauth, deps);
    const withClient: WithWorkspaceClient = (teamId, call) => withWorkspaceClient(homeClients, teamId, call);
    return { ...built, delivery, teamId: undefined, withClient };
  }
  const identity = await checkBotToken(
    new webApi.WebClient(config.botToken, webClientOptions(config, logger, options.retryConfig)),
  );
  const { app, mode } = buildSlackApp(config, logger, identity, options.retryConfig, routes);
  // Its own client for scheduled posts, which retries nothing itself (see deliveryClientOptions).
  const deliveryClient = new webApi.WebClient(config.botToken, deliveryClientOptions(config, logger));
  const delivery = new SlackDeliveryPort({
    client: deliveryClient,
    teamId: identity.teamId,
    adminUserIds: config.adminUserIds,
    postsPerSecond: config.postsPerSecond ?? DEFAULT_POSTS_PER_SECOND,
  });
  return { app, mode, delivery, teamId: identity.teamId, withClient: undefined };
}
