/**
 * What the cluster needs from the settings before anything starts: a valid configuration (every problem
 * named, as the bot itself would name them), and for web processes something to answer over HTTP. Without
 * that, the launcher says which settings to give instead of starting web processes with nothing to do.
 */
import { ConfigError, loadConfig, type Config, type Env } from '../../config.js';
import type { ClusterArgs } from './args.js';
import { THROWAWAY_MAX_CONNECTIONS } from './postgres-server.js';

export interface ClusterNeeds {
  /** Discord is configured: every process's REST goes through the proxy. */
  readonly discord: boolean;
  /** Worth saying, but not a reason to stop. */
  readonly notes: readonly string[];
}

export type NeedsResult = { readonly needs: ClusterNeeds } | { readonly problems: readonly string[] };

export const NOTHING_TO_ANSWER = [
  'The web processes have nothing to answer. Give the settings for at least one of:',
  '  - Slack over HTTP: SLACK_SIGNING_SECRET with SLACK_BOT_TOKEN (one workspace), or OAuth mode for many',
  '    workspaces: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET and',
  '    AGENDABOT_SECRET_KEY (no SLACK_APP_TOKEN: Socket Mode is one connection, not a cluster);',
  '  - Discord over HTTP interactions: DISCORD_PUBLIC_KEY with DISCORD_TOKEN and DISCORD_APPLICATION_ID.',
  'See .env.example and the README ("Running on several machines").',
].join('\n');

export const SOCKET_MODE =
  'SLACK_APP_TOKEN is set, but web processes answer Slack over HTTP, not Socket Mode: unset SLACK_APP_TOKEN and ' +
  'set SLACK_SIGNING_SECRET, or run Socket Mode in one process with npm start.';

export function clusterNeeds(env: Env, args: ClusterArgs): NeedsResult {
  // The database is the cluster's own choice (a throwaway server unless DATABASE_URL is set): a stand-in URL
  // lets the rest of the configuration be checked before that server exists.
  const config = tryLoad({ ...env, DATABASE_URL: env['DATABASE_URL'] ?? 'postgres://127.0.0.1/agendabot' });
  if ('problems' in config) return config;
  const slackHttp = config.slack !== undefined && config.slack.appToken === undefined;
  const discordHttp = config.discord?.http !== undefined;
  if (config.slack === undefined && config.discord === undefined) return { problems: [NOTHING_TO_ANSWER] };
  if (args.web > 0 && !slackHttp && !discordHttp) return { problems: [NOTHING_TO_ANSWER] };
  if (args.web > 0 && config.slack?.appToken !== undefined) return { problems: [SOCKET_MODE] };
  const connections = (args.web + args.workers) * poolSize(env);
  if (env['DATABASE_URL'] === undefined && connections > THROWAWAY_MAX_CONNECTIONS)
    return {
      problems: [
        `${args.web + args.workers} processes × DATABASE_POOL_SIZE=${poolSize(env)} is ${connections} connections, ` +
          `over the throwaway PostgreSQL's ${THROWAWAY_MAX_CONNECTIONS}: start fewer processes or set DATABASE_POOL_SIZE lower.`,
      ],
    };
  const notes: string[] = [];
  if (config.discord !== undefined && !discordHttp)
    notes.push(
      'DISCORD_PUBLIC_KEY is not set: no process of the cluster receives Discord commands (none opens a ' +
        'gateway connection); scheduled Discord posts still go out.',
    );
  if (args.workers === 0) notes.push('--workers 0: nothing plans or delivers scheduled posts in this cluster.');
  return { needs: { discord: config.discord !== undefined, notes } };
}

/** Each process's pool (`DATABASE_POOL_SIZE`, default 20; `loadConfig` has already checked the value). */
function poolSize(env: Env): number {
  const raw = env['DATABASE_POOL_SIZE']?.trim();
  return raw === undefined || raw === '' ? 20 : Number(raw);
}

function tryLoad(env: Env): Config | { problems: readonly string[] } {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
}
