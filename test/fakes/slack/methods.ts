/**
 * The fake's answers for each Web API method the adapter uses, shaped like Slack's
 * (only the fields the adapter and Bolt read). Unknown methods answer `unknown_method`.
 */
import type { FakeUser, StoredMessage } from './fake-slack.js';

export interface FakeState {
  readonly messages: StoredMessage[];
  readonly users: Map<string, FakeUser>;
  readonly teamId: string;
  readonly botUserId: string;
  readonly baseUrl: string;
  socketModeUrl: string | undefined;
  nextTs(): string;
  /** OAuth: codes Slack would hand the redirect, each usable once (`grant`). */
  readonly grants: Map<string, FakeGrant>;
  /** Bot tokens issued by OAuth, and whose they are (auth.test answers per token). */
  readonly installedTokens: Map<string, FakeGrant>;
  oauthClient: { id: string; secret: string } | undefined;
}

/** One workspace's installation, as `oauth.v2.access` hands it out. */
export interface FakeGrant {
  readonly teamId: string;
  readonly teamName: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly installerId: string;
}

type Args = Record<string, unknown>;
type Answer = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function answerMethod(state: FakeState, method: string, args: Args, token?: string): Answer {
  const grant = token !== undefined ? state.installedTokens.get(token) : undefined;
  if (method === 'auth.test' && grant) {
    return {
      ok: true,
      team_id: grant.teamId,
      team: grant.teamName,
      user_id: grant.botUserId,
      bot_id: grant.botId,
      is_enterprise_install: false,
    };
  }
  if (method === 'oauth.v2.access') return oauthAccess(state, args);
  const handler = HANDLERS[method];
  return handler ? handler(state, args) : { ok: false, error: 'unknown_method' };
}

/** Exchanges a one-time code for the workspace's bot token, checking the app's client id and secret. */
function oauthAccess(state: FakeState, args: Args): Answer {
  const client = state.oauthClient;
  if (!client || str(args.client_id) !== client.id || str(args.client_secret) !== client.secret) {
    return { ok: false, error: 'invalid_client_id' };
  }
  const grant = state.grants.get(str(args.code));
  if (!grant) return { ok: false, error: 'invalid_code' };
  state.grants.delete(str(args.code));
  state.installedTokens.set(grant.botToken, grant);
  return {
    ok: true,
    app_id: 'A0FAKE',
    authed_user: { id: grant.installerId },
    scope: 'commands,chat:write',
    token_type: 'bot',
    access_token: grant.botToken,
    bot_user_id: grant.botUserId,
    team: { id: grant.teamId, name: grant.teamName },
    enterprise: null,
    is_enterprise_install: false,
  };
}

const HANDLERS: Record<string, (state: FakeState, args: Args) => Answer> = {
  'auth.test': (s) => ({
    ok: true,
    url: 'https://fake.slack.test/',
    team: 'Fake Team',
    user: 'agendabot',
    team_id: s.teamId,
    user_id: s.botUserId,
    bot_id: 'BFAKE',
    is_enterprise_install: false,
  }),
  'apps.connections.open': (s) =>
    s.socketModeUrl ? { ok: true, url: s.socketModeUrl } : { ok: false, error: 'socket_mode_not_configured' },
  'chat.postMessage': (s, a) => {
    const channel = str(a.channel);
    if (channel === '') return { ok: false, error: 'channel_not_found' };
    const message: StoredMessage = {
      channel,
      ts: s.nextTs(),
      text: str(a.text),
      ...(a.blocks !== undefined ? { blocks: a.blocks } : {}),
      ...(typeof a.thread_ts === 'string' ? { thread_ts: a.thread_ts } : {}),
      ...(a.metadata !== undefined ? { metadata: a.metadata as StoredMessage['metadata'] & object } : {}),
    };
    s.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: { type: 'message', ...message } };
  },
  'chat.postEphemeral': (s) => ({ ok: true, message_ts: s.nextTs() }),
  'chat.update': (s, a) => {
    const found = s.messages.find((m) => m.channel === str(a.channel) && m.ts === str(a.ts));
    if (!found) return { ok: false, error: 'message_not_found' };
    return { ok: true, channel: found.channel, ts: found.ts, text: str(a.text) };
  },
  'conversations.open': (_s, a) => {
    const users = str(a.users)
      .split(',')
      .filter((u) => u !== '');
    if (users.length === 0) return { ok: false, error: 'user_not_found' };
    if (users.length > 8) return { ok: false, error: 'too_many_users' };
    // One user: a DM. Several: a multi-person DM, the same one for the same set of people.
    return { ok: true, channel: { id: users.length === 1 ? `D${users[0]}` : `G${[...users].sort().join('')}` } };
  },
  'conversations.history': (s, a) =>
    page(
      s.messages.filter((m) => m.channel === str(a.channel) && m.thread_ts === undefined),
      a,
    ),
  'conversations.replies': (s, a) =>
    page(
      s.messages.filter((m) => m.channel === str(a.channel) && (m.thread_ts === str(a.ts) || m.ts === str(a.ts))),
      a,
    ),
  'conversations.join': (_s, a) =>
    str(a.channel) === '' ? { ok: false, error: 'channel_not_found' } : { ok: true, channel: { id: str(a.channel) } },
  'chat.getPermalink': (s, a) => {
    const found = s.messages.find((m) => m.channel === str(a.channel) && m.ts === str(a.message_ts));
    if (!found) return { ok: false, error: 'message_not_found' };
    const permalink = `https://fake.slack.test/archives/${found.channel}/p${found.ts.replace('.', '')}`;
    return { ok: true, channel: found.channel, permalink };
  },
  'users.info': (s, a) => {
    const user = s.users.get(str(a.user));
    if (!user) return { ok: false, error: 'user_not_found' };
    const tz = user.tz !== undefined ? { tz: user.tz } : {};
    const flags = { is_admin: !!user.is_admin, is_owner: !!user.is_owner, deleted: !!user.deleted };
    return { ok: true, user: { id: user.id, team_id: s.teamId, ...flags, ...tz } };
  },
  // Slack refuses a Home view of more than 100 blocks, and so does the fake: no test passes on a view Slack refuses.
  'views.publish': (s, a) => {
    const view = (a.view ?? {}) as { type?: string; blocks?: unknown[] };
    if (str(a.user_id) === '') return { ok: false, error: 'user_not_found' };
    const valid = view.type === 'home' && Array.isArray(view.blocks) && view.blocks.length <= 100;
    if (!valid) return { ok: false, error: 'invalid_arguments' };
    return { ok: true, view: { id: `V${s.nextTs().replace('.', '')}`, ...view } };
  },
  'views.open': (s, a) => ({ ok: true, view: { id: `V${s.nextTs().replace('.', '')}`, ...(a.view as object) } }),
  'files.getUploadURLExternal': (s, a) => {
    const id = `F${s.nextTs().replace('.', '')}`;
    return { ok: true, file_id: id, upload_url: `${s.baseUrl}/upload/${id}`, filename: str(a.filename) };
  },
  'files.completeUploadExternal': (_s, a) => ({ ok: true, files: a.files }),
};

/** Newest first, messages at or after `oldest`, `limit` per page with a numeric cursor. */
function page(messages: StoredMessage[], a: Args): Answer {
  const oldest = Number(str(a.oldest) || '0');
  const withMetadata = a.include_all_metadata === 'true' || a.include_all_metadata === true;
  const newestFirst = messages.filter((m) => Number(m.ts) >= oldest).reverse();
  const limit = Number(str(a.limit) || '100');
  const start = Number(str(a.cursor) || '0');
  const slice = newestFirst.slice(start, start + limit).map((m) => {
    const { metadata, ...rest } = m;
    return withMetadata && metadata ? { type: 'message', ...rest, metadata } : { type: 'message', ...rest };
  });
  const next = start + limit < newestFirst.length ? String(start + limit) : '';
  return { ok: true, messages: slice, has_more: next !== '', response_metadata: { next_cursor: next } };
}
