/** OAuth mode's settings (Slack for many workspaces), read for `loadConfig`. */
import type { SlackOAuthConfig } from './config.js';
import { readSecretKey } from './secrets/secret-key.js';

/** The settings whose presence means OAuth mode. */
export const OAUTH_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

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
