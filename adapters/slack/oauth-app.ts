/**
 * OAuth mode (Slack for many workspaces): the Bolt App over HTTP with Bolt's own
 * installer, which serves `GET /slack/install` (the "Add to Slack" page) and
 * `GET /slack/oauth_redirect`, and authorises every request with its workspace's
 * stored installation. Bolt refuses a token together with installer options, so no
 * bot token is given here: each request's token comes from `installationStore`.
 */
import { App, HTTPReceiver, LogLevel, type CustomRoute, type InstallationStore, type webApi } from '@slack/bolt';
import type { CallbackOptions } from '@slack/oauth';
import type { SlackConfig, SlackOAuthConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import {
  EVENTS_PATH,
  INSTALL_PATH,
  NO_CONVERSATION_STORE,
  REDIRECT_PATH,
  webClientOptions,
  type BuiltApp,
} from './app.js';
import { boltLogger } from './bolt-logger.js';
import { BOT_SCOPES } from './manifest.js';
import { SingleUseStateStore } from './oauth-state.js';
import { refuseOutOfTimeRequests } from './request-age.js';
import { httpAckProperties, rememberResponses } from './http-ack.js';

export interface OAuthAppParts {
  readonly installationStore: InstallationStore;
  readonly pages: CallbackOptions;
  readonly customRoutes?: CustomRoute[];
  readonly retryConfig?: webApi.RetryOptions;
}

export function buildOAuthApp(
  config: SlackConfig,
  oauth: SlackOAuthConfig,
  logger: Logger,
  parts: OAuthAppParts,
): BuiltApp {
  if (config.signingSecret === undefined) throw new Error('Slack OAuth mode needs SLACK_SIGNING_SECRET.');
  const log = boltLogger(logger, LogLevel.INFO);
  const clientOptions = (): webApi.WebClientOptions => webClientOptions(config, logger, parts.retryConfig);
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: EVENTS_PATH,
    customRoutes: parts.customRoutes ?? [],
    logger: log,
    logLevel: LogLevel.INFO,
    customPropertiesExtractor: httpAckProperties,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: Object.keys(BOT_SCOPES),
    installationStore: parts.installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateStore: new SingleUseStateStore(oauth.stateSecret),
      callbackOptions: parts.pages,
      // The installer's own WebClient (oauth.v2.access, auth.test) reaches the same API base URL.
      clientOptions: { ...(config.apiUrl !== undefined ? { slackApiUrl: config.apiUrl } : {}) },
    },
  });
  receiver.requestListener = rememberResponses(refuseOutOfTimeRequests(receiver.requestListener, logger));
  const app = new App({
    receiver,
    logger: log,
    logLevel: LogLevel.INFO,
    clientOptions: clientOptions(),
    ...NO_CONVERSATION_STORE,
  });
  return { app, mode: 'http' };
}
