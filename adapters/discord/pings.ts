/**
 * Who a post pings on Discord. Mentions inside embeds never notify, so the people a reply
 * means to notify (`reply.notify`) are mentioned in the message content, and
 * `allowed_mentions.users` names exactly them (nobody else, no roles, no @everyone).
 * Discord takes at most 100 users there, and the content holds 2,000 characters; 80
 * mentions of the longest ids (20 digits, 24 characters with a space) fit both, so a
 * longer list is split over follow-up messages that carry only mentions.
 */
export const PINGS_PER_MESSAGE = 80;

/** Ids Discord can ping (snowflakes), each once, in groups of `PINGS_PER_MESSAGE`. */
export function pingGroups(notify: readonly string[] | undefined): string[][] {
  const ids = [...new Set(notify ?? [])].filter((id) => /^\d{5,20}$/u.test(id));
  const groups: string[][] = [];
  for (let i = 0; i < ids.length; i += PINGS_PER_MESSAGE) groups.push(ids.slice(i, i + PINGS_PER_MESSAGE));
  return groups;
}

/** A follow-up message that only pings `users`. */
export interface PingMessage {
  readonly content: string;
  readonly allowed_mentions: { readonly parse: []; readonly users: string[] };
}

export function pingMessage(users: readonly string[]): PingMessage {
  return { content: users.map((id) => `<@${id}>`).join(' '), allowed_mentions: { parse: [], users: [...users] } };
}
