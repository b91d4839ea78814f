/**
 * Group conversations on Discord (introductions). Bots cannot open group DMs there, so
 * an introduction is a private thread in the channel the organisers chose: created
 * without a starter message (type 12, not invitable, so only its members and moderators
 * see it), then each member added explicitly. The core posts into the thread afterwards.
 * The bot needs Create Private Threads and Send Messages in Threads in that channel.
 */
import { ChannelType, Routes, ThreadAutoArchiveDuration, type Client } from 'discord.js';
import type { ConversationRef } from '../../src/core/context.js';
import { DeliveryError, type GroupConversationsPort, type GroupConversationSpec } from '../../src/core/ports.js';
import { cutText } from './embed-limits.js';
import { toDeliveryError } from './errors.js';

const THREAD_NAME_LIMIT = 100;
/** Introductions are meant to be small; the same bound as Slack's group DMs keeps both alike. */
const INTRODUCTION_LIMIT = 8;

export class DiscordGroupConversations implements GroupConversationsPort {
  readonly needsChannel = true;
  readonly maxMembers = INTRODUCTION_LIMIT;

  constructor(private readonly client: Client) {}

  async open(spec: GroupConversationSpec): Promise<ConversationRef> {
    const parentId = spec.channelId;
    if (parentId === undefined) {
      throw new DeliveryError(
        'discord',
        'no-channel',
        'rejected',
        'A private thread needs a parent channel',
        'no introductions channel is set',
      );
    }
    try {
      const thread = (await this.client.rest.post(Routes.threads(parentId), {
        body: {
          name: cutText(spec.name, THREAD_NAME_LIMIT),
          type: ChannelType.PrivateThread,
          invitable: false,
          auto_archive_duration: ThreadAutoArchiveDuration.OneWeek,
        },
      })) as { id: string; guild_id?: string };
      // A channel of another server is never this tenant's (the setting is checked when made; this keeps it so).
      if (thread.guild_id !== undefined && thread.guild_id !== spec.tenantId) {
        throw new DeliveryError(
          'discord',
          'wrong_tenant',
          'no-access',
          `Thread ${thread.id} is not in server ${spec.tenantId}`,
        );
      }
      for (const userId of spec.userIds) await this.client.rest.put(Routes.threadMembers(thread.id, userId));
      return { platform: 'discord', tenantId: spec.tenantId, channelId: parentId, threadId: thread.id };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
