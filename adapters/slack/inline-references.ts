/**
 * Inline references on Slack (`INLINE_REFERENCES=on`): `message` events from channels
 * (the `message.channels` subscription) become neutral `ChannelMessage`s with code and
 * quotes marked, and the core's reply, if any, is posted in the message's thread.
 * Bolt already drops the bot's own messages; other bots' are marked `fromBot`.
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ChannelMessage } from '../../src/core/channel-message.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { markupSegments } from '../../src/core/text/markup-segments.js';
import type { Logger } from '../../src/log.js';
import { renderReply } from './render.js';
import { describeError } from './slack-errors.js';

/** The fields of a message event this feature reads (edits nest the new message). */
interface MessageFields {
  readonly subtype?: string;
  readonly channel?: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly thread_ts?: string;
  readonly message?: MessageFields;
}

/**
 * Subtypes that are someone writing: a plain message (none), one with a file, a thread
 * reply also sent to the channel, or an edit (which the core never answers).
 */
const WRITTEN = new Set([undefined, 'file_share', 'thread_broadcast', 'message_changed']);

export function registerInlineReferences(app: App, dispatcher: Dispatcher, logger: Logger): void {
  app.event('message', async (args: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    const message = channelMessage(args.event as MessageFields, args.body.team_id);
    if (!message) return;
    const reply = await dispatcher.message(message);
    if (!reply) return;
    const { text, blocks } = renderReply(reply);
    try {
      await args.client.chat.postMessage({
        channel: message.conversation.channelId,
        thread_ts: message.conversation.threadId ?? message.messageId,
        text,
        blocks,
        unfurl_links: false,
      });
    } catch (error) {
      const fields = { channelId: message.conversation.channelId, error: describeError(error) };
      logger.warn(fields, 'inline reference reply failed');
    }
  });
}

/** The neutral message, or undefined for events that are not someone writing in a channel. */
export function channelMessage(event: MessageFields, teamId: string): ChannelMessage | undefined {
  if (!WRITTEN.has(event.subtype)) return undefined;
  if (event.channel_type !== 'channel' && event.channel_type !== 'group') return undefined;
  const edited = event.subtype === 'message_changed';
  const written = edited ? event.message : event;
  if (!written || event.channel === undefined || written.ts === undefined) return undefined;
  const inThread = written.thread_ts !== undefined && written.thread_ts !== written.ts;
  const thread = inThread ? { threadId: written.thread_ts } : {};
  return {
    conversation: { platform: 'slack', tenantId: teamId, channelId: event.channel, ...thread },
    messageId: written.ts,
    authorId: written.user ?? written.bot_id ?? '',
    fromBot: written.bot_id !== undefined || written.user === undefined,
    edited,
    segments: markupSegments(unescapeSlack(written.text ?? '')),
  };
}

/** Slack escapes `&`, `<` and `>` in message text; quotes are `&gt;` until undone. */
function unescapeSlack(text: string): string {
  return text.replace(/&gt;/gu, '>').replace(/&lt;/gu, '<').replace(/&amp;/gu, '&');
}
