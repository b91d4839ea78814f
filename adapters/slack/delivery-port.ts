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
  DeliveryError,
  type DeliveryPort,
  type Destination,
  type Pacing,
  type PostedMessage,
} from '../../src/core/ports.js';
import { SlackGroupConversations } from './group-conversations.js';
import { DISTRIBUTED_APP_HISTORY, findPostByKey, INTERNAL_APP_HISTORY, POST_EVENT_TYPE } from './history.js';
import { renderReply } from './render.js';
import { slackDeliveryError, toDeliveryError } from './slack-errors.js';
import { SingleWorkspaceClient, withWorkspaceClient, type WorkspaceClients } from './workspace-clients.js';

type WebClient = webApi.WebClient;

/** Single-token mode: a WebClient with the bot token, its workspace, and who counts as an admin. */
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
/** Scheduled posts per second to one workspace from this process, unless `SLACK_POSTS_PER_SECOND` says otherwise. */
export const DEFAULT_POSTS_PER_SECOND = 50;

/** Either one workspace's client (single-token mode) or every installed workspace's clients (OAuth mode). */
export type SlackDeliverySource =
  SlackDeliveryOptions | { readonly clients: WorkspaceClients; readonly postsPerSecond?: number };

/** The Slack implementation of the core's `DeliveryPort`. */
export class SlackDeliveryPort implements DeliveryPort {
  readonly platform = 'slack' as const;
  /** Thread permalinks already asked for, by `channel/ts`. */
  readonly #permalinks = new Map<string, string>();
  readonly groupConversations: SlackGroupConversations;
  readonly pacing: Pacing;

  readonly #clients: WorkspaceClients;
  /** OAuth mode: a distributed app, with Slack's reduced history limits. */
  readonly #distributed: boolean;

  constructor(source: SlackDeliverySource) {
    this.#distributed = 'clients' in source;
    this.#clients =
      'clients' in source
        ? source.clients
        : new SingleWorkspaceClient(source.client, source.teamId, source.adminUserIds);
    this.groupConversations = new SlackGroupConversations(this.#clients);
    this.pacing = {
      conversationIntervalMs: CHANNEL_INTERVAL_MS,
      ...(source.postsPerSecond !== undefined ? { tenantPerSecond: source.postsPerSecond } : {}),
    };
  }

  async post(destination: Destination, reply: Reply, idempotencyKey: string): Promise<PostedMessage> {
    const conversation = await this.#resolve(destination);
    const { text, blocks } = renderReply(reply);
    const posted = await this.#call('chat.postMessage', conversation.tenantId, (client) =>
      client.chat.postMessage({
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
    const limits = this.#distributed ? DISTRIBUTED_APP_HISTORY : INTERNAL_APP_HISTORY;
    const ts = await this.#call('conversations.history', conversation.tenantId, (client) =>
      findPostByKey(client, conversation, idempotencyKey, since, limits),
    );
    return ts === null ? null : { conversation, messageId: ts };
  }

  /** Slack threads need no call: a thread is its parent message's ts. */
  async openThread(message: PostedMessage, _name: string): Promise<ConversationRef | null> {
    return { ...message.conversation, threadId: message.messageId };
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    const { text, blocks } = renderReply(reply);
    await this.#call('chat.update', message.conversation.tenantId, (client) =>
      client.chat.update({ channel: message.conversation.channelId, ts: message.messageId, text, blocks }),
    );
  }

  /** Workspace admins and owners, and the operator's list, may manage any channel. */
  async canManageChannel(tenantId: string, userId: string, _channelId: string): Promise<boolean> {
    // A workspace this app does not serve is refused first: the operator's list must not reach into it.
    await this.#clients.clientFor(tenantId);
    if ((await this.#clients.adminUserIds(tenantId)).includes(userId)) return true;
    try {
      const { user } = await this.#call('users.info', tenantId, (client) => client.users.info({ user: userId }));
      return !!(user && !user.deleted && (user.is_admin || user.is_owner || user.is_primary_owner));
    } catch (error) {
      if (error instanceof DeliveryError && error.code === 'user_not_found') return false;
      throw error;
    }
  }

  /** Uploads through files.uploadV2 (upload URL, then complete), shared into the conversation. */
  async uploadText(conversation: ConversationRef, filename: string, title: string, content: string): Promise<void> {
    const file = { channel_id: conversation.channelId, filename, title, content };
    const threadTs = conversation.threadId;
    await this.#call('files.uploadV2', conversation.tenantId, (client) =>
      threadTs !== undefined ? client.files.uploadV2({ ...file, thread_ts: threadTs }) : client.files.uploadV2(file),
    );
  }

  /** The thread's parent message as a permalink (chat.getPermalink), asked once per thread: permalinks never change. */
  async threadLink(thread: ConversationRef): Promise<string | undefined> {
    // Refuses another workspace's thread even when its link is already known.
    await this.#clients.clientFor(thread.tenantId);
    const ts = thread.threadId;
    if (ts === undefined) return undefined;
    const key = `${thread.channelId}/${ts}`;
    let link = this.#permalinks.get(key);
    if (link === undefined) {
      const answer = await this.#call('chat.getPermalink', thread.tenantId, (client) =>
        client.chat.getPermalink({ channel: thread.channelId, message_ts: ts }),
      );
      link = answer.permalink;
      if (link !== undefined) this.#permalinks.set(key, link);
    }
    return link;
  }

  async #resolve(destination: Destination): Promise<ConversationRef> {
    if (destination.kind === 'channel') {
      await this.#clients.clientFor(destination.conversation.tenantId);
      return destination.conversation;
    }
    const opened = await this.#call('conversations.open', destination.tenantId, (client) =>
      client.conversations.open({ users: destination.userId }),
    );
    const channelId = opened.channel?.id;
    if (!channelId) throw slackDeliveryError('channel_not_found', 'Slack conversations.open returned no channel');
    return { platform: 'slack', tenantId: destination.tenantId, channelId };
  }

  /** Forgets a workspace's client (the app was removed from it). */
  forgetWorkspace(teamId: string): void {
    this.#clients.forget(teamId);
  }

  /** One Web API call with the workspace's client (a token replaced by a reinstall elsewhere: `withWorkspaceClient`). */
  async #call<T>(what: string, teamId: string, call: (client: WebClient) => Promise<T>): Promise<T> {
    try {
      return await withWorkspaceClient(this.#clients, teamId, call);
    } catch (error) {
      throw toDeliveryError(error, what);
    }
  }
}
