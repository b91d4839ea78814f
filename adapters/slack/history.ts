/**
 * Finding a post again after a crash: this bot's scheduled posts carry their
 * idempotency key in message metadata, so reading recent history (or a thread's
 * replies) with `include_all_metadata` tells whether a post was already made.
 */
import type { webApi } from '@slack/bolt';
import type { ConversationRef } from '../../src/core/context.js';
import { slackErrorCode, toDeliveryError } from './slack-errors.js';

/** The metadata event type that marks this bot's scheduled posts. */
export const POST_EVENT_TYPE = 'agendabot_post';
/** How many history pages to read before giving up (200 messages each). */
const MAX_HISTORY_PAGES = 5;

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
): Promise<string | null> {
  try {
    return await scan(client, conversation, key, since);
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel' || conversation.threadId !== undefined)
      throw toDeliveryError(error, 'conversations.history');
    try {
      await client.conversations.join({ channel: conversation.channelId });
    } catch {
      throw toDeliveryError(error, 'conversations.history');
    }
    try {
      return await scan(client, conversation, key, since);
    } catch (retryError) {
      throw toDeliveryError(retryError, 'conversations.history');
    }
  }
}

async function scan(
  client: webApi.WebClient,
  conversation: ConversationRef,
  key: string,
  since: Date,
): Promise<string | null> {
  const oldest = Math.floor(since.getTime() / 1000).toString();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
    const common = {
      channel: conversation.channelId,
      oldest,
      include_all_metadata: true,
      limit: 200,
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
  return null;
}
