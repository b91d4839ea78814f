/**
 * Finding a post again after a crash: this bot's scheduled posts carry their
 * idempotency key in message metadata, so reading recent history (or a thread's
 * replies) with `include_all_metadata` tells whether a post was already made.
 */
import type { webApi } from '@slack/bolt';
import type { ConversationRef } from '../../src/core/context.js';
import { slackDeliveryError, slackErrorCode, toDeliveryError } from './slack-errors.js';

/** The metadata event type that marks this bot's scheduled posts. */
export const POST_EVENT_TYPE = 'agendabot_post';

/** How much history one search may read. */
export interface HistoryLimits {
  readonly pageSize: number;
  readonly maxPages: number;
  /** History left unread after `maxPages`: "try later" (true) or "not posted" (false, as single-token mode always did). */
  readonly unreadMeansLater: boolean;
}

/** An internal app (single-token mode): Slack's usual limits. */
export const INTERNAL_APP_HISTORY: HistoryLimits = { pageSize: 200, maxPages: 5, unreadMeansLater: false };
/**
 * A distributed app outside Slack's Marketplace (OAuth mode): `conversations.history` and
 * `.replies` allow about one request a minute and at most 15 messages. So one search reads one
 * page, from `since` (the delivery's creation, less a margin): a second page within the minute
 * would be refused, and since the outbox's next attempt starts again from the newest message,
 * a search of several pages could never get past its second. More than 15 messages since then
 * is "try later" (the outbox retries with backoff, then gives up rather than posting blind).
 */
export const DISTRIBUTED_APP_HISTORY: HistoryLimits = { pageSize: 15, maxPages: 1, unreadMeansLater: true };

interface MessageWithMetadata {
  readonly ts?: string;
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: { readonly key?: unknown } };
}

/**
 * The ts of the post carrying `key` since `since`, or null. A public channel the bot
 * posted to without being a member (chat:write.public) refuses history with
 * `not_in_channel`: the bot then joins it once and reads again, because answering
 * "not found" there could lead to a second post.
 */
export async function findPostByKey(
  client: webApi.WebClient,
  conversation: ConversationRef,
  key: string,
  since: Date,
  limits: HistoryLimits = INTERNAL_APP_HISTORY,
): Promise<string | null> {
  try {
    return await scan(client, conversation, key, since, limits);
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel' || conversation.threadId !== undefined)
      throw toDeliveryError(error, 'conversations.history');
    try {
      await client.conversations.join({ channel: conversation.channelId });
    } catch {
      throw toDeliveryError(error, 'conversations.history');
    }
    try {
      return await scan(client, conversation, key, since, limits);
    } catch (retryError) {
      throw toDeliveryError(retryError, 'conversations.history');
    }
  }
}

/**
 * Reads history newest first from `since`. A 429 is thrown as rate-limited (a delivery
 * client retries nothing itself); in OAuth mode, history left unread after `maxPages` is a transient
 * error too: both mean "try later", because answering "not posted" unsure could post twice
 * (the outbox gives up after its last attempt rather than posting blind).
 */
async function scan(
  client: webApi.WebClient,
  conversation: ConversationRef,
  key: string,
  since: Date,
  limits: HistoryLimits,
): Promise<string | null> {
  const oldest = Math.floor(since.getTime() / 1000).toString();
  let cursor: string | undefined;
  for (let page = 0; page < limits.maxPages; page += 1) {
    const common = {
      channel: conversation.channelId,
      oldest,
      include_all_metadata: true,
      limit: limits.pageSize,
      ...(cursor ? { cursor } : {}),
    };
    const result =
      conversation.threadId !== undefined
        ? await client.conversations.replies({ ...common, ts: conversation.threadId })
        : await client.conversations.history(common);
    const found = ((result.messages ?? []) as MessageWithMetadata[]).find(
      (m) => m.metadata?.event_type === POST_EVENT_TYPE && m.metadata.event_payload?.key === key,
    );
    if (found?.ts) return found.ts;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  if (!limits.unreadMeansLater) return null;
  throw slackDeliveryError(
    'history_incomplete',
    `more than ${limits.maxPages * limits.pageSize} messages since ${oldest}: cannot tell yet whether it was posted; trying later`,
  );
}
