/**
 * The Slack app manifest, generated from the command registry so that the published
 * slash commands and the handlers cannot drift apart (a test compares it with the
 * committed `manifest.yml`). Socket Mode by default; given a public base URL, the
 * manifest points slash commands and interactivity at `<url>/slack/events` instead.
 */
import { stringify } from 'yaml';
import type { Registry } from '../../src/core/dispatcher.js';
import { EVENTS_PATH, REDIRECT_PATH } from './app.js';

/** Every bot scope the adapter uses, and why. Nothing else is requested. */
export const BOT_SCOPES: Readonly<Record<string, string>> = {
  commands: 'the /agenda and /readinggroup slash commands',
  'chat:write': 'replies, shared cards, weekly questions, thread messages, chat.update',
  'chat:write.public': 'Share in channel in public channels the bot was not invited to',
  'im:write': 'conversations.open for weekly questions by direct message',
  'mpim:write': 'conversations.open with several users: introductions as one group direct message',
  'users:read': 'users.info: is the user a workspace admin or owner; their time zone for the Home tab',
  'channels:history': 'conversations.history: find a weekly post again after a crash (public channels)',
  'groups:history': 'the same, in private channels the bot was invited to',
  'im:history': 'the same, in direct messages',
  'channels:join': 'join a public channel it posted to without being a member, to read that history',
  // Whether history returns message metadata without this scope is not documented clearly; the
  // crash recovery depends on reading it back, so ask for it rather than risk a second post.
  'metadata.message:read': 'read back the idempotency key attached to our own posts as message metadata',
  'files:write': 'files.uploadV2: reading-group notes as a text file',
};

/** Events the bot subscribes to: opening the Home tab publishes the person's page. */
export const BOT_EVENTS: readonly string[] = ['app_home_opened'];

/** Options for the generated manifest. */
export interface ManifestOptions {
  /** Public HTTPS base URL for HTTP mode, e.g. `https://bot.example.org`. Unset: Socket Mode. */
  readonly baseUrl?: string;
  readonly appName?: string;
  /** `INLINE_REFERENCES=on`: subscribe to `message.channels` (uses the `channels:history` scope). */
  readonly inlineReferences?: boolean;
  /** OAuth mode (many workspaces, needs `baseUrl`): the redirect URL and the removal events. */
  readonly oauth?: boolean;
}

/** OAuth mode's events: a workspace removed the app (either may come first, or twice). */
export const OAUTH_EVENTS: readonly string[] = ['app_uninstalled', 'tokens_revoked'];

/** The manifest as data, for tests and for `manifestYaml`. */
export function buildManifest(registry: Registry, options: ManifestOptions = {}): Record<string, unknown> {
  const name = options.appName ?? 'agendabot';
  const base = options.baseUrl?.replace(/\/+$/u, '');
  const requestUrl = base !== undefined ? `${base}${EVENTS_PATH}` : undefined;
  if (options.oauth === true && base === undefined)
    throw new Error('An OAuth manifest needs the public URL (--url https://your.host).');
  const oauth = options.oauth === true ? base : undefined;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Work through a research agenda together: look-ups, weekly questions, reading groups.',
    },
    features: {
      // The Home tab shows each person's own page (home-tab.ts); the Messages tab stays as it was.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: false },
      slash_commands: registry.commands.map((command) => ({
        command: `/${command.name}`,
        description: command.description,
        usage_hint: `[${command.defaultSubcommand} | <subcommand> …]`,
        // Channels and users then arrive as <#C…> and <@U…> ids, which the parser reads.
        should_escape: true,
        ...(requestUrl !== undefined ? { url: requestUrl } : {}),
      })),
    },
    oauth_config: {
      ...(oauth !== undefined ? { redirect_urls: [`${oauth}${REDIRECT_PATH}`] } : {}),
      scopes: { bot: Object.keys(BOT_SCOPES) },
    },
    settings: {
      event_subscriptions: {
        bot_events: [
          ...BOT_EVENTS,
          ...(options.inlineReferences === true ? INLINE_REFERENCE_EVENTS : []),
          ...(oauth !== undefined ? OAUTH_EVENTS : []),
        ],
        ...(requestUrl !== undefined ? { request_url: requestUrl } : {}),
      },
      interactivity: { is_enabled: true, ...(requestUrl !== undefined ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === undefined,
      token_rotation_enabled: false,
    },
  };
}

/** Inline references read messages in public channels the bot is in, and nothing more. */
/** Channel messages, read only with `INLINE_REFERENCES=on` (it uses the `channels:history` scope). */
const INLINE_REFERENCE_EVENTS: readonly string[] = ['message.channels'];

/** The manifest as YAML, with a header saying how to regenerate it. */
export function manifestYaml(registry: Registry, options: ManifestOptions = {}): string {
  const header =
    '# Slack app manifest for agendabot. Generated from the command registry:\n' +
    '#   npm run --silent slack:manifest -- > adapters/slack/manifest.yml            (Socket Mode)\n' +
    '#   npm run --silent slack:manifest -- --url https://bot.example.org           (HTTP mode)\n' +
    '#   npm run --silent slack:manifest -- --oauth --url https://bot.example.org   (many workspaces)\n';
  return header + stringify(buildManifest(registry, options), { lineWidth: 0 });
}
