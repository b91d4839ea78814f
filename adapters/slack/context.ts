/**
 * Slack payloads → the core's `CommandContext`. The tenant is the workspace (team id);
 * a thread is its parent message's ts.
 */
import type { BlockAction, SlashCommand } from '@slack/bolt';
import type { CommandContext, ConversationRef } from '../../src/core/context.js';

/** Slack direct-message channel ids start with D; the slash-command payload also names them. */
function isDirectChannel(channelId: string, channelName?: string): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

/** The caller of a slash command: workspace, channel, user, and whether it is a DM. */
export function commandContext(command: SlashCommand): CommandContext {
  const tenantId = command.team_id;
  return {
    actor: { platform: 'slack', tenantId, userId: command.user_id, displayName: command.user_name },
    conversation: { platform: 'slack', tenantId, channelId: command.channel_id },
    isDirect: isDirectChannel(command.channel_id, command.channel_name),
  };
}

/** Where a pressed button lives: channel, the thread it is in (if any), and whether it is ephemeral. */
export interface PressOrigin {
  readonly channelId: string;
  /** Set when the message with the button is a reply inside a thread. */
  readonly threadTs?: string;
  /** The message carrying the button; absent for ephemeral messages (Slack cannot update those by ts). */
  readonly messageTs?: string;
  readonly ephemeral: boolean;
}

/** Where the pressed button is, read from a block_actions payload. */
export function pressOrigin(body: BlockAction): PressOrigin {
  const container = body.container as { channel_id?: string; is_ephemeral?: boolean; message_ts?: string };
  const channelId = body.channel?.id ?? container.channel_id ?? '';
  const ephemeral = container.is_ephemeral === true || body.message === undefined;
  const message = body.message as { ts: string; thread_ts?: string } | undefined;
  // A thread's parent also carries thread_ts (equal to its own ts): it is in the channel, not in the thread.
  const threadTs = message?.thread_ts !== undefined && message.thread_ts !== message.ts ? message.thread_ts : undefined;
  return {
    channelId,
    ephemeral,
    ...(threadTs !== undefined ? { threadTs } : {}),
    ...(!ephemeral && message ? { messageTs: message.ts } : {}),
  };
}

/** The presser of a button, in the conversation (and thread) of the button's message. */
export function actionContext(body: BlockAction, origin: PressOrigin): CommandContext {
  const tenantId = body.team?.id ?? body.user.team_id ?? '';
  const conversation: ConversationRef = {
    platform: 'slack',
    tenantId,
    channelId: origin.channelId,
    ...(origin.threadTs !== undefined ? { threadId: origin.threadTs } : {}),
  };
  return {
    actor: { platform: 'slack', tenantId, userId: body.user.id, displayName: body.user.username },
    conversation,
    isDirect: isDirectChannel(origin.channelId, body.channel?.name),
  };
}
