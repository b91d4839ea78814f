/**
 * Inline references on Discord (`INLINE_REFERENCES=on`, which also asks for the
 * GuildMessages and privileged MessageContent intents): each new guild message becomes
 * a neutral `ChannelMessage` with code and quotes marked, and the core's reply, if any,
 * goes into the message's thread: the thread it was written in, or one started on it.
 * Edits (MessageUpdate) are not listened to: a message is answered when it is sent.
 */
import { Events, Routes, ThreadAutoArchiveDuration, type Client, type Message } from 'discord.js';
import type { ChannelMessage } from '../../src/core/channel-message.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { markupSegments } from '../../src/core/text/markup-segments.js';
import type { Logger } from '../../src/log.js';
import { errorFields } from './errors.js';
import { renderReply } from './render.js';

const THREAD_NAME = 'Agenda references';

export function registerInlineReferences(client: Client, dispatcher: Dispatcher, logger: Logger): void {
  client.on(Events.MessageCreate, (message) => void answer(client, dispatcher, logger, message));
}

async function answer(client: Client, dispatcher: Dispatcher, logger: Logger, message: Message): Promise<void> {
  const neutral = channelMessage(message, client.user?.id);
  if (!neutral) return;
  const reply = await dispatcher.message(neutral);
  if (!reply) return;
  const { conversation } = neutral;
  try {
    const threadId = conversation.threadId ?? (await startThread(client, conversation.channelId, neutral.messageId));
    await client.rest.post(Routes.channelMessages(threadId), { body: renderReply(reply).message });
  } catch (error) {
    logger.warn({ channelId: conversation.channelId, err: errorFields(error) }, 'inline reference reply failed');
  }
}

async function startThread(client: Client, channelId: string, messageId: string): Promise<string> {
  const thread = (await client.rest.post(Routes.threads(channelId, messageId), {
    body: { name: THREAD_NAME, auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
  })) as { id: string };
  return thread.id;
}

/** The neutral message, or undefined outside servers (no DMs) and for system messages. */
export function channelMessage(message: Message, botUserId: string | undefined): ChannelMessage | undefined {
  if (message.guildId === null || message.system) return undefined;
  const channel = message.channel;
  const inThread = channel.isThread();
  const parentId = inThread ? channel.parentId : null;
  if (inThread && parentId === null) return undefined;
  return {
    conversation: {
      platform: 'discord',
      tenantId: message.guildId,
      channelId: parentId ?? message.channelId,
      ...(inThread ? { threadId: message.channelId } : {}),
    },
    messageId: message.id,
    authorId: message.author.id,
    fromBot: message.author.bot || message.author.id === botUserId,
    edited: message.editedTimestamp !== null,
    segments: markupSegments(message.content),
  };
}
