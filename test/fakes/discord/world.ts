/**
 * The fake Discord's world: one guild with roles, channels and members, ids that
 * tests can name, and the JSON shapes Discord returns for them. Everything here is
 * plain data, so tests can read what the fake will answer.
 */

/** Ids tests refer to. Snowflake-shaped, because discord.js derives dates from them. */
export const IDS = {
  application: '500000000000000001',
  guild: '100000000000000001',
  /** A text channel with no permission overwrites. */
  general: '200000000000000001',
  /** A text channel whose overwrites deny Manage Channels to the organisers role. */
  locked: '200000000000000002',
  everyoneRole: '100000000000000001',
  organisersRole: '400000000000000002',
  /** Server owner. */
  owner: '300000000000000009',
  /** Has the organisers role (Manage Channels). */
  organiser: '300000000000000001',
  /** A plain member. */
  member: '300000000000000002',
} as const;

export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  manageChannels: 1n << 4n,
  manageGuild: 1n << 5n,
  administrator: 1n << 3n,
  manageEvents: 1n << 33n,
} as const;

const basic = PERMISSIONS.viewChannel | PERMISSIONS.sendMessages;

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly roles: readonly string[];
}

export const USERS: Readonly<Record<string, FakeUser>> = {
  [IDS.owner]: { id: IDS.owner, username: 'olga', roles: [] },
  [IDS.organiser]: { id: IDS.organiser, username: 'ada', roles: [IDS.organisersRole] },
  [IDS.member]: { id: IDS.member, username: 'ben', roles: [] },
};

export const ROLES = [
  { id: IDS.everyoneRole, name: '@everyone', permissions: basic.toString(), position: 0 },
  {
    id: IDS.organisersRole,
    name: 'organisers',
    permissions: (basic | PERMISSIONS.manageChannels).toString(),
    position: 1,
  },
].map((r) => ({ ...r, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }));

export const CHANNELS = [
  { id: IDS.general, name: 'general', permission_overwrites: [] as object[] },
  {
    id: IDS.locked,
    name: 'locked',
    permission_overwrites: [
      { id: IDS.organisersRole, type: 0, allow: '0', deny: PERMISSIONS.manageChannels.toString() },
    ],
  },
].map((c, position) => ({ ...c, type: 0, guild_id: IDS.guild, position, parent_id: null, nsfw: false }));

export function userJson(id: string): object {
  const user = USERS[id];
  return { id, username: user?.username ?? `user${id.slice(-3)}`, discriminator: '0', global_name: null, avatar: null };
}

export function memberJson(id: string): object {
  return {
    user: userJson(id),
    roles: USERS[id]?.roles ?? [],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
  };
}

export const BOT_USER = {
  id: IDS.application,
  username: 'agendabot',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

export function guildJson(): object {
  return {
    id: IDS.guild,
    name: 'Research Lab',
    icon: null,
    owner_id: IDS.owner,
    roles: ROLES,
    channels: CHANNELS,
    threads: [],
    members: [],
    emojis: [],
    stickers: [],
    features: [],
    member_count: 3,
    large: false,
    unavailable: false,
    joined_at: '2024-01-01T00:00:00.000Z',
    voice_states: [],
    presences: [],
    guild_scheduled_events: [],
    stage_instances: [],
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/** Permissions of a member in the guild (roles only, no overwrites), as Discord sends in interactions. */
export function basePermissions(userId: string): bigint {
  if (userId === IDS.owner) return PERMISSIONS.administrator | basic;
  const roles = USERS[userId]?.roles ?? [];
  return ROLES.filter((r) => r.id === IDS.everyoneRole || roles.includes(r.id)).reduce(
    (p, r) => p | BigInt(r.permissions),
    0n,
  );
}

let counter = 0n;
/** A fresh snowflake, increasing, with a realistic timestamp part. */
export function snowflake(): string {
  counter += 1n;
  const epoch = 1420070400000n;
  return (((BigInt(Date.now()) - epoch) << 22n) + counter).toString();
}

/** A message as Discord returns it. */
export function messageJson(
  channelId: string,
  body: Record<string, unknown>,
  authorId: string = IDS.application,
): Record<string, unknown> {
  return {
    id: snowflake(),
    channel_id: channelId,
    type: 0,
    author: authorId === IDS.application ? BOT_USER : userJson(authorId),
    content: body['content'] ?? '',
    embeds: body['embeds'] ?? [],
    components: body['components'] ?? [],
    attachments: body['attachments'] ?? [],
    flags: body['flags'] ?? 0,
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...(body['nonce'] !== undefined ? { nonce: body['nonce'] } : {}),
  };
}
