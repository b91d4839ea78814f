/**
 * Which part of the bot this process runs (`AGENDABOT_ROLE`) and how long it may take to stop
 * (`SHUTDOWN_GRACE_SECONDS`), read for `loadConfig`. See "Roles" in the README.
 */

/** `all`: everything in one process (the default); `web`: answers Slack and Discord over HTTP; `worker`: plans and delivers. */
export type Role = 'all' | 'web' | 'worker';

export const ROLES: readonly Role[] = ['all', 'web', 'worker'];

/** Default time in-flight work gets to finish after SIGTERM, under the 30 s most orchestrators wait before SIGKILL. */
export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 25;

export interface RoleConfig {
  readonly role: Role;
  /** After SIGTERM/SIGINT, how long requests, interaction edits and deliveries in flight may still run (ms). */
  readonly shutdownGraceMs: number;
  /** Where a web or worker process serves HTTP (`PORT`, `HOST`): a worker serves only `GET /healthz` there. */
  readonly port: number;
  readonly host?: string;
}

/** The part of `Config` read here. */
export interface RunSettings {
  /** `AGENDABOT_ROLE`, `SHUTDOWN_GRACE_SECONDS`, and where a web or worker process listens. */
  readonly run: RoleConfig;
}

/** What `roleConfig` needs from the settings reader. */
export interface RoleSettings {
  text(key: string): string | undefined;
  number(key: string, fallback: number, min: number, max: number): number;
  readonly problems: string[];
}

export function roleConfig(read: RoleSettings): RunSettings {
  const raw = read.text('AGENDABOT_ROLE')?.toLowerCase() ?? 'all';
  const role = ROLES.find((r) => r === raw);
  if (role === undefined) read.problems.push(`AGENDABOT_ROLE=${raw} is not one of ${ROLES.join(', ')}.`);
  else read.problems.push(...roleProblems(role, read));
  const host = read.text('HOST');
  return {
    run: {
      role: role ?? 'all',
      shutdownGraceMs: read.number('SHUTDOWN_GRACE_SECONDS', DEFAULT_SHUTDOWN_GRACE_SECONDS, 0, 3600) * 1000,
      port: read.number('PORT', 3000, 1, 65535),
      ...(host !== undefined ? { host } : {}),
    },
  };
}

/** A web process with nothing to answer, or a worker with nowhere to deliver, is a mistake to name at start. */
function roleProblems(role: Role, read: RoleSettings): string[] {
  const slackHttp = read.text('SLACK_SIGNING_SECRET') !== undefined && read.text('SLACK_APP_TOKEN') === undefined;
  const discordHttp = read.text('DISCORD_PUBLIC_KEY') !== undefined;
  if (role === 'web') {
    if (read.text('SLACK_APP_TOKEN') !== undefined) {
      return [
        'AGENDABOT_ROLE=web answers Slack over HTTP, not Socket Mode: unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET (or run Socket Mode with AGENDABOT_ROLE=all).',
      ];
    }
    if (!slackHttp && !discordHttp) {
      return [
        'AGENDABOT_ROLE=web has nothing to answer: set SLACK_SIGNING_SECRET (Slack over HTTP) or DISCORD_PUBLIC_KEY (Discord over HTTP interactions).',
      ];
    }
  }
  const anyPlatform = ['SLACK_BOT_TOKEN', 'SLACK_CLIENT_ID', 'DISCORD_TOKEN'].some((k) => read.text(k) !== undefined);
  if (role === 'worker' && !anyPlatform) {
    return [
      'AGENDABOT_ROLE=worker has nowhere to deliver: set SLACK_BOT_TOKEN (or SLACK_CLIENT_ID for many workspaces) or DISCORD_TOKEN.',
    ];
  }
  return [];
}
