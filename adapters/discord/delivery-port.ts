/**
 * The core's `DeliveryPort` on Discord: scheduled posts, discussion threads, DMs,
 * permission checks and file uploads, through the client's REST queue (which waits
 * out rate limits and retries server errors on its own). Discord failures become
 * `DeliveryError`s with Discord's code and whether retrying can help.
 */
import { PermissionFlagsBits, Routes, ThreadAutoArchiveDuration, type Client } from 'discord.js';
import type { ConversationRef } from '../../src/core/context.js';
import type { Reply } from '../../src/core/message.js';
import {
  DeliveryError,
  type DeliveryPort,
  type Destination,
  type PostedMessage,
  type ScheduledEventsPort,
} from '../../src/core/ports.js';
import { cutText } from './embed-limits.js';
import { toDeliveryError } from './errors.js';
import { DiscordGroupConversations } from './group-conversations.js';
import { escapeMarkdown } from './markdown.js';
import { pingGroups, pingMessage } from './pings.js';
import { findMarkedPost, markerOf, nonceOf } from './post-marker.js';
import { renderReply } from './render.js';
import { DiscordScheduledEvents } from './scheduled-events.js';

export { nonceOf } from './post-marker.js';

const THREAD_NAME_LIMIT = 100;
/** Unknown Channel, Unknown Guild, Unknown Member. */
const UNKNOWN_TARGET: ReadonlySet<string> = new Set(['10003', '10004', '10007']);
/** Discord: "Cannot execute action on a DM channel". */
const DM_ONLY_ERROR = '50003';
/** Discord: "Missing Access" (here: no Read Message History). */
const MISSING_ACCESS = '50001';
/** Discord: "A thread has already been created for this message". */
const THREAD_EXISTS_ERROR = '160004';

export class DiscordDeliveryPort implements DeliveryPort {
  readonly platform = 'discord' as const;
  /** Sessions of reading groups with `events:on` (see `scheduled-events.ts`). */
  readonly scheduledEvents: ScheduledEventsPort;
  /** Introductions, as private threads (see `group-conversations.ts`). */
  readonly groupConversations: DiscordGroupConversations;

  /**
   * `botUserId`: the bot's user id, for a client that never logs in (web and worker processes use REST
   * only); a logged-in client knows it from the gateway.
   */
  constructor(
    private readonly client: Client,
    private readonly botUserId?: string,
  ) {
    this.scheduledEvents = new DiscordScheduledEvents(client);
    this.groupConversations = new DiscordGroupConversations(client);
  }

  async post(destination: Destination, reply: Reply, idempotencyKey: string): Promise<PostedMessage> {
    const conversation = await this.#conversationOf(destination);
    const [firstPings = [], ...morePings] = pingGroups(reply.notify);
    // The marker lets findPosted recognise this post after the nonce window has passed.
    const { message } = renderReply({ ...reply, notify: firstPings }, { footer: markerOf(idempotencyKey) });
    const posted = await this.#postMessage(conversation, message, idempotencyKey);
    // Beyond what one message may ping, the rest are pinged in follow-ups (each with its own nonce).
    for (const [i, users] of morePings.entries()) {
      await this.#postMessage(conversation, pingMessage(users), `${idempotencyKey}:pings:${i + 2}`);
    }
    return { conversation, messageId: posted.id };
  }

  async #postMessage(conversation: ConversationRef, message: object, idempotencyKey: string): Promise<{ id: string }> {
    return (await this.#call(() =>
      this.client.rest.post(Routes.channelMessages(targetOf(conversation)), {
        // enforce_nonce: Discord returns the earlier message instead of posting twice.
        body: { ...message, nonce: nonceOf(idempotencyKey), enforce_nonce: true },
      }),
    )) as { id: string };
  }

  /**
   * Looks through the destination's recent history (a user's DM channel for a person)
   * for the bot's own post whose embed footer carries the key's marker; see
   * `post-marker.ts` for why the footer and how far back it reads.
   */
  async findPosted(destination: Destination, idempotencyKey: string, since: Date): Promise<PostedMessage | null> {
    const conversation = await this.#conversationOf(destination);
    const botUserId = this.client.user?.id ?? this.botUserId;
    if (botUserId === undefined)
      throw new DeliveryError('discord', 'not-ready', 'transient', 'The Discord client is not logged in yet');
    try {
      const messageId = await findMarkedPost(this.client, targetOf(conversation), botUserId, idempotencyKey, since);
      return messageId === null ? null : { conversation, messageId };
    } catch (error) {
      const mapped = toDeliveryError(error);
      // Without Read Message History the bot may still post. Not knowing is then no reason
      // to stop the weekly question: post again (a duplicate only after a long crash) rather
      // than fail; the post itself reports a channel that is really out of reach.
      if (mapped.code === MISSING_ACCESS) return null;
      throw mapped;
    }
  }

  /**
   * Opens the thread, or, when one already exists for the message (an earlier attempt
   * opened it before a crash), returns that one: a thread started from a message has
   * the message's id.
   */
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
      if (mapped.code === THREAD_EXISTS_ERROR) return { ...conversation, threadId: message.messageId };
      throw mapped;
    }
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    const { message: rendered } = renderReply(reply);
    await this.#call(() =>
      this.client.rest.patch(Routes.channelMessage(targetOf(message.conversation), message.messageId), {
        body: rendered,
      }),
    );
  }

  /**
   * Manage Channels in this channel (overwrites applied) or Manage Server; owners and
   * admins pass. An unknown server, channel or member is simply not manageable.
   */
  async canManageChannel(tenantId: string, userId: string, channelId: string): Promise<boolean> {
    return this.#call(async () => {
      const guild = await this.client.guilds.fetch(tenantId);
      const channel = await guild.channels.fetch(channelId);
      // A channel of another server is never this tenant's to manage.
      if (!channel || channel.guildId !== tenantId) return false;
      const member = await guild.members.fetch(userId);
      if (member.permissions.has(PermissionFlagsBits.ManageGuild)) return true;
      return channel.permissionsFor(member).has(PermissionFlagsBits.ManageChannels);
    }).catch((error: unknown) => {
      if (error instanceof DeliveryError && UNKNOWN_TARGET.has(error.code)) return false;
      throw error;
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

  /** Threads are channels on Discord: their link needs no call. */
  async threadLink(thread: ConversationRef): Promise<string | undefined> {
    return `https://discord.com/channels/${thread.tenantId}/${thread.threadId ?? thread.channelId}`;
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
