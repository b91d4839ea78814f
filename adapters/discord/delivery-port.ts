/**
 * The core's `DeliveryPort` on Discord: scheduled posts, discussion threads, DMs,
 * permission checks and file uploads, through the client's REST queue (which waits
 * out rate limits and retries server errors on its own). Discord failures become
 * `DeliveryError`s with Discord's code and whether retrying can help.
 */
import { createHash } from 'node:crypto';
import { PermissionFlagsBits, Routes, ThreadAutoArchiveDuration, type Client } from 'discord.js';
import type { ConversationRef } from '../../src/core/context.js';
import type { Reply } from '../../src/core/message.js';
import type { DeliveryPort, Destination, PostedMessage } from '../../src/core/ports.js';
import { cutText } from './embed-limits.js';
import { toDeliveryError } from './errors.js';
import { escapeMarkdown } from './markdown.js';
import { renderReply } from './render.js';

const THREAD_NAME_LIMIT = 100;
const NONCE_LENGTH = 25;
/** Discord: "Cannot execute action on a DM channel". */
const DM_ONLY_ERROR = '50003';

/** Discord nonces hold 25 characters: a hash of the idempotency key fits and stays stable. */
export function nonceOf(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, NONCE_LENGTH);
}

export class DiscordDeliveryPort implements DeliveryPort {
  readonly platform = 'discord' as const;

  constructor(private readonly client: Client) {}

  async post(destination: Destination, reply: Reply, idempotencyKey: string): Promise<PostedMessage> {
    const conversation = await this.#conversationOf(destination);
    const { message } = renderReply(reply);
    const posted = (await this.#call(() =>
      this.client.rest.post(Routes.channelMessages(targetOf(conversation)), {
        // enforce_nonce: Discord returns the earlier message instead of posting twice.
        body: { ...message, nonce: nonceOf(idempotencyKey), enforce_nonce: true },
      }),
    )) as { id: string };
    return { conversation, messageId: posted.id };
  }

  /**
   * Always null: Discord does not return nonces when reading history, so an earlier post
   * cannot be recognised by its key. A re-post within Discord's nonce window (a few
   * minutes) is deduplicated by `enforce_nonce` instead; see the report for the gap.
   */
  async findPosted(): Promise<PostedMessage | null> {
    return null;
  }

  async openThread(message: PostedMessage, name: string): Promise<ConversationRef | null> {
    const { conversation } = message;
    try {
      const thread = (await this.client.rest.post(Routes.threads(conversation.channelId, message.messageId), {
        body: { name: cutText(name, THREAD_NAME_LIMIT), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
      })) as { id: string };
      return { ...conversation, threadId: thread.id };
    } catch (error) {
      const mapped = toDeliveryError(error);
      if (mapped.code === DM_ONLY_ERROR) return null;
      throw mapped;
    }
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    const { message: rendered } = renderReply(reply);
    await this.#call(() =>
      this.client.rest.patch(Routes.channelMessage(targetOf(message.conversation), message.messageId), { body: rendered }),
    );
  }

  /** Manage Channels in this channel (overwrites applied) or Manage Server; owners and admins pass. */
  async canManageChannel(tenantId: string, userId: string, channelId: string): Promise<boolean> {
    return this.#call(async () => {
      const guild = await this.client.guilds.fetch(tenantId);
      const channel = await guild.channels.fetch(channelId);
      // A channel of another server is never this tenant's to manage.
      if (!channel || channel.guildId !== tenantId) return false;
      const member = await guild.members.fetch(userId);
      if (member.permissions.has(PermissionFlagsBits.ManageGuild)) return true;
      return channel.permissionsFor(member).has(PermissionFlagsBits.ManageChannels);
    });
  }

  async uploadText(conversation: ConversationRef, filename: string, title: string, content: string): Promise<void> {
    await this.#call(() =>
      this.client.rest.post(Routes.channelMessages(targetOf(conversation)), {
        body: { content: cutText(escapeMarkdown(title), 2000), allowed_mentions: { parse: [] } },
        files: [{ name: filename, data: Buffer.from(content, 'utf8'), contentType: 'text/plain; charset=utf-8' }],
      }),
    );
  }

  async #conversationOf(destination: Destination): Promise<ConversationRef> {
    if (destination.kind === 'channel') return destination.conversation;
    const dm = (await this.#call(() =>
      this.client.rest.post(Routes.userChannels(), { body: { recipient_id: destination.userId } }),
    )) as { id: string };
    return { platform: 'discord', tenantId: destination.tenantId, channelId: dm.id };
  }

  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}

/** Posts go into the thread when the conversation is one. */
function targetOf(conversation: ConversationRef): string {
  return conversation.threadId ?? conversation.channelId;
}
