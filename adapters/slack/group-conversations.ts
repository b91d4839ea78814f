/**
 * Group conversations on Slack (introductions): one multi-person direct message opened
 * with `conversations.open` and the members' ids; the bot is in it and posts with
 * `chat.postMessage` like anywhere else. Slack opens at most 8 users this way, and
 * opening the same set again resumes the same conversation.
 */
import type { webApi } from '@slack/bolt';
import type { ConversationRef } from '../../src/core/context.js';
import type { GroupConversationsPort, GroupConversationSpec } from '../../src/core/ports.js';
import { slackDeliveryError, toDeliveryError } from './slack-errors.js';
import type { WorkspaceClients } from './workspace-clients.js';

/** Slack's limit for `conversations.open` (`too_many_users` beyond it). */
const SLACK_GROUP_DM_LIMIT = 8;

export class SlackGroupConversations implements GroupConversationsPort {
  readonly needsChannel = false;
  readonly maxMembers = SLACK_GROUP_DM_LIMIT;

  constructor(private readonly clients: WorkspaceClients) {}

  async open(spec: GroupConversationSpec): Promise<ConversationRef> {
    // Refuses another workspace (single-token mode) or one that removed the app (OAuth mode).
    const client = await this.clients.clientFor(spec.tenantId);
    let opened: webApi.ConversationsOpenResponse;
    try {
      opened = await client.conversations.open({ users: spec.userIds.join(',') });
    } catch (error) {
      throw toDeliveryError(error, 'conversations.open');
    }
    const channelId = opened.channel?.id;
    if (!channelId) throw slackDeliveryError('channel_not_found', 'Slack conversations.open returned no channel');
    return { platform: 'slack', tenantId: spec.tenantId, channelId };
  }
}
