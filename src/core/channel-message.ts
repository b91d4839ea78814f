/**
 * A message someone wrote in a channel the bot is in, as the core sees it: plain text in
 * segments, with the platform's code (spans and blocks) and quotes already marked by the
 * adapter, so features that read messages never parse platform markup themselves.
 */
import type { ConversationRef } from './context.js';

export interface TextSegment {
  readonly text: string;
  /** `code` and `quote` are someone showing text, not saying it: features ignore them. */
  readonly kind: 'plain' | 'code' | 'quote';
}

export interface ChannelMessage {
  /** Where it was written; `threadId` set when it is a reply inside a thread. */
  readonly conversation: ConversationRef;
  /** The platform's id of the message (Slack ts, Discord snowflake). */
  readonly messageId: string;
  readonly authorId: string;
  /** Written by this bot (or another bot): never answered, so bots cannot answer each other. */
  readonly fromBot: boolean;
  /** An edit of an earlier message rather than a new one. */
  readonly edited: boolean;
  readonly segments: readonly TextSegment[];
}
