/**
 * How a scheduled post is recognised in channel history after a crash.
 *
 * Discord deduplicates an enforced nonce for a few minutes only, and never returns
 * nonces when history is read, so the idempotency key must travel in a field that
 * history returns. The candidates, and why the embed footer was chosen:
 * - a button's custom_id is invisible, but only posts with buttons have one, and the
 *   core's button ids carry actions, not keys;
 * - the embed url is invisible only without a title (it turns the title into a link);
 * - content is what people and notifications read.
 * Nothing invisible is present on every post, so the key's short hash (the same value
 * as the nonce, 25 characters, no internals of the key shown) goes into the embed
 * footer as a small grey `ref …`, below the card, where it also serves as a reference a
 * reader can quote. A bot may always read its own messages' embeds, even without the
 * Message Content intent.
 */
import { createHash } from 'node:crypto';
import { Routes, type APIMessage, type Client } from 'discord.js';

/** Messages read at most when looking for an earlier post (two pages of 100). */
export const HISTORY_LIMIT = 200;
const PAGE_SIZE = 100;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const NONCE_LENGTH = 25;

/** Discord nonces hold 25 characters: a hash of the idempotency key fits and stays stable. */
export function nonceOf(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, NONCE_LENGTH);
}

/** The footer text that carries an idempotency key; a shortened embed's footer starts with it. */
export function markerOf(idempotencyKey: string): string {
  return `ref ${nonceOf(idempotencyKey)}`;
}

/** The smallest snowflake of a moment: every message sent at or after it has a larger id. */
export function snowflakeAt(moment: Date): string {
  const ms = BigInt(Math.max(0, Math.floor(moment.getTime()))) - DISCORD_EPOCH_MS;
  return ms > 0n ? (ms << 22n).toString() : '0';
}

/**
 * The id of the newest message in `channelId`, sent after `since` by `botUserId`, whose
 * embed footer carries the key's marker; null if none. Reads newest first, because the
 * post that may have got through was the last attempt before the crash; it stops at
 * `since` or after `HISTORY_LIMIT` messages, so a very busy channel can hide an old post
 * (the outbox then posts again, which is the lesser harm than never posting).
 */
export async function findMarkedPost(
  client: Client,
  channelId: string,
  botUserId: string,
  idempotencyKey: string,
  since: Date,
): Promise<string | null> {
  const marker = markerOf(idempotencyKey);
  const floor = BigInt(snowflakeAt(since));
  let before: string | undefined;
  for (let read = 0; read < HISTORY_LIMIT; read += PAGE_SIZE) {
    const query = new URLSearchParams({ limit: String(Math.min(PAGE_SIZE, HISTORY_LIMIT - read)) });
    if (before !== undefined) query.set('before', before);
    const page = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    for (const message of page) {
      if (BigInt(message.id) < floor) return null;
      if (message.author.id === botUserId && carriesMarker(message, marker)) return message.id;
    }
    const oldest = page.at(-1);
    if (!oldest || page.length < PAGE_SIZE) return null;
    before = oldest.id;
  }
  return null;
}

function carriesMarker(message: APIMessage, marker: string): boolean {
  return message.embeds.some((embed) => embed.footer?.text.startsWith(marker) === true);
}
