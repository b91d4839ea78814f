/**
 * The core's `DeliveryPort` on Slack: posting cards to channels, threads and DMs,
 * finding a post again after a crash (by the idempotency key carried in message
 * metadata), editing posts, the channel-manager check, and text files.
 * Every failed call becomes a `DeliveryError` (see `slack-errors.ts`).
 */
import type { webApi } from '@slack/bolt';
import type { ConversationRef } from '../../src/core/context.js';
import type { Reply } from '../../src/core/message.js';
import {
  FOREIGN_TENANT,
  type DeliveryPort,
  type Destination,
  type Pacing,
  type PostedMessage,
} from '../../src/core/ports.js';
import { SlackGroupConversations } from './group-conversations.js';
import { findPostByKey, POST_EVENT_TYPE } from './history.js';
import { renderReply } from './render.js';
import { slackDeliveryError, toDeliveryError } from './slack-errors.js';

type WebClient = webApi.WebClient;

/** What the port needs: a WebClient with the bot token, and who counts as an admin. */
export interface SlackDeliveryOptions {
  readonly client: WebClient;
  /** The workspace the bot token belongs to; destinations in other workspaces are refused. */
  readonly teamId: string;
  /** Users who may manage channels without being workspace admins (`SLACK_ADMIN_USER_IDS`). */
  readonly adminUserIds: readonly string[];
  /** Posts per second to the workspace from this process (the core's outbox keeps the pace). */
  readonly postsPerSecond?: number;
}

/** Slack allows about one message per second per channel; the workspace rate is configured. */
const CHANNEL_INTERVAL_MS = 1000;

/** The Slack implementation of the core's `DeliveryPort`. */
export class SlackDeliveryPort implements DeliveryPort {
  readonly platform = 'slack' as const;
  /** Thread permalinks already asked for, by `channel/ts`. */
  readonly #permalinks = new Map<string, string>();
  readonly groupConversations: SlackGroupConversations;
  readonly pacing: Pacing;

  constructor(private readonly options: SlackDeliveryOptions) {
    this.groupConversations = new SlackGroupConversations(options.client, options.teamId);
    this.pacing = {
      conversationIntervalMs: CHANNEL_INTERVAL_MS,
      ...(options.postsPerSecond !== undefined ? { tenantPerSecond: options.postsPerSecond } : {}),
    };
  }

  async post(destination: Destination, reply: Reply, idempotencyKey: string): Promise<PostedMessage> {
    const conversation = await this.#resolve(destination);
    const { text, blocks } = renderReply(reply);
    const posted = await this.#call('chat.postMessage', () =>
      this.options.client.chat.postMessage({
        channel: conversation.channelId,
        text,
        blocks,
        metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: idempotencyKey } },
        ...(conversation.threadId !== undefined ? { thread_ts: conversation.threadId } : {}),
      }),
    );
    return {
      conversation: { ...conversation, channelId: posted.channel ?? conversation.channelId },
      messageId: posted.ts ?? '',
    };
  }

  async findPosted(destination: Destination, idempotencyKey: string, since: Date): Promise<PostedMessage | null> {
    const conversation = await this.#resolve(destination);
    const ts = await findPostByKey(this.options.client, conversation, idempotencyKey, since);
    return ts === null ? null : { conversation, messageId: ts };
  }

  /** Slack threads need no call: a thread is its parent message's ts. */
  async openThread(message: PostedMessage, _name: string): Promise<ConversationRef | null> {
    return { ...message.conversation, threadId: message.messageId };
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    const { text, blocks } = renderReply(reply);
    await this.#call('chat.update', () =>
      this.options.client.chat.update({ channel: message.conversation.channelId, ts: message.messageId, text, blocks }),
    );
  }

  /** Workspace admins and owners, and the operator's list, may manage any channel. */
  async canManageChannel(tenantId: string, userId: string, _channelId: string): Promise<boolean> {
    this.#checkTenant(tenantId);
    if (this.options.adminUserIds.includes(userId)) return true;
    try {
      const { user } = await this.options.client.users.info({ user: userId });
      return !!(user && !user.deleted && (user.is_admin || user.is_owner || user.is_primary_owner));
    } catch (error) {
      const failure = toDeliveryError(error, 'users.info');
      if (failure.code === 'user_not_found') return false;
      throw failure;
    }
  }

  /** Uploads through files.uploadV2 (upload URL, then complete), shared into the conversation. */
  async uploadText(conversation: ConversationRef, filename: string, title: string, content: string): Promise<void> {
    this.#checkTenant(conversation.tenantId);
    const { client } = this.options;
    const file = { channel_id: conversation.channelId, filename, title, content };
    const threadTs = conversation.threadId;
    await this.#call('files.uploadV2', () =>
      threadTs !== undefined ? client.files.uploadV2({ ...file, thread_ts: threadTs }) : client.files.uploadV2(file),
    );
  }

  /** The thread's parent message as a permalink (chat.getPermalink), asked once per thread: permalinks never change. */
  async threadLink(thread: ConversationRef): Promise<string | undefined> {
    this.#checkTenant(thread.tenantId);
    const ts = thread.threadId;
    if (ts === undefined) return undefined;
    const key = `${thread.channelId}/${ts}`;
    let link = this.#permalinks.get(key);
    if (link === undefined) {
      const answer = await this.#call('chat.getPermalink', () =>
        this.options.client.chat.getPermalink({ channel: thread.channelId, message_ts: ts }),
      );
      link = answer.permalink;
      if (link !== undefined) this.#permalinks.set(key, link);
    }
    return link;
  }

  async #resolve(destination: Destination): Promise<ConversationRef> {
    if (destination.kind === 'channel') {
      this.#checkTenant(destination.conversation.tenantId);
      return destination.conversation;
    }
    this.#checkTenant(destination.tenantId);
    const opened = await this.#call('conversations.open', () =>
      this.options.client.conversations.open({ users: destination.userId }),
    );
    const channelId = opened.channel?.id;
    if (!channelId) throw slackDeliveryError('channel_not_found', 'Slack conversations.open returned no channel');
    return { platform: 'slack', tenantId: destination.tenantId, channelId };
  }

  /** One bot token serves one workspace: a destination elsewhere is a bug, never a cross-tenant post. */
  #checkTenant(tenantId: string): void {
    if (tenantId !== this.options.teamId) {
      throw slackDeliveryError(
        FOREIGN_TENANT,
        `This Slack app serves workspace ${this.options.teamId}, not ${tenantId}`,
      );
    }
  }

  async #call<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toDeliveryError(error, what);
    }
  }
}
