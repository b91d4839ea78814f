/** OAuth mode's settings (Slack for many workspaces), read for `loadConfig`. */
import type { SlackOAuthConfig } from './config.js';
import { readSecretKey } from './secrets/secret-key.js';

/** The settings whose presence means OAuth mode. */
export const OAUTH_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/**
 * Which way to run on Slack: one bot token (single-token mode, Socket Mode or HTTP) or OAuth for
 * many workspaces. Both at once is an error naming what to remove (Bolt refuses a token together
 * with installer options); neither is an error naming what is missing.
 */
export function slackModeProblems(
  settings: {
    readonly botToken: string | undefined;
    readonly appToken: string | undefined;
    readonly signingSecret: string | undefined;
  },
  oauthSet: readonly string[],
): string[] {
  const problems: string[] = [];
  const { botToken, appToken, signingSecret } = settings;
  if (botToken !== undefined && oauthSet.length > 0) {
    problems.push(
      `Both SLACK_BOT_TOKEN and ${oauthSet.join(', ')} are set, but they are two different ways to run: remove ` +
        `SLACK_BOT_TOKEN to offer the bot to many workspaces (OAuth), or remove ${oauthSet.join(', ')} to serve ` +
        'one workspace with its bot token.',
    );
  } else if (botToken === undefined && oauthSet.length === 0) {
    problems.push('SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…).');
  }
  if (oauthSet.length === 0 && appToken === undefined && signingSecret === undefined) {
    problems.push('Slack needs SLACK_APP_TOKEN (xapp-…, for Socket Mode) or SLACK_SIGNING_SECRET (for HTTP mode).');
  }
  return problems;
}

/** OAuth mode's settings, each missing one named; it runs over HTTP and needs the key for stored tokens. */
export function oauthConfig(
  text: (key: string) => string | undefined,
  problems: string[],
  connection: { readonly appToken: string | undefined; readonly signingSecret: string | undefined },
): SlackOAuthConfig | undefined {
  const missing = OAUTH_SETTINGS.filter((key) => text(key) === undefined);
  if (missing.length > 0)
    problems.push(`OAuth mode (offering the bot to many workspaces) also needs ${missing.join(', ')}.`);
  if (connection.signingSecret === undefined)
    problems.push('OAuth mode runs over HTTP and needs SLACK_SIGNING_SECRET.');
  if (connection.appToken !== undefined) {
    problems.push(
      'OAuth mode runs over HTTP: remove SLACK_APP_TOKEN (Socket Mode serves one workspace with SLACK_BOT_TOKEN).',
    );
  }
  const secretKey = readSecretKey('AGENDABOT_SECRET_KEY', text('AGENDABOT_SECRET_KEY'));
  if (typeof secretKey === 'string') problems.push(secretKey);
  const previousRaw = text('AGENDABOT_PREVIOUS_SECRET_KEY');
  const previous = previousRaw === undefined ? undefined : readSecretKey('AGENDABOT_PREVIOUS_SECRET_KEY', previousRaw);
  if (typeof previous === 'string') problems.push(previous);
  if (missing.length > 0 || typeof secretKey === 'string' || typeof previous === 'string') return undefined;
  return {
    clientId: text('SLACK_CLIENT_ID') ?? '',
    clientSecret: text('SLACK_CLIENT_SECRET') ?? '',
    stateSecret: text('SLACK_STATE_SECRET') ?? '',
    secretKey,
    ...(previous !== undefined ? { previousSecretKey: previous } : {}),
  };
}
