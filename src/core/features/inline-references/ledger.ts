/**
 * Which messages have had their reply: a message is answered at most once, whatever
 * edits, redelivered events or second processes bring. Claiming is atomic, so of two
 * processes handling the same event only one wins.
 */
import type { Platform } from '../../context.js';

export interface MessageRef {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly channelId: string;
  readonly messageId: string;
}

export interface InlineReplyLedger {
  /** True for the first claim of a message, false for every later one. */
  claim(message: MessageRef, at: Date): Promise<boolean>;
}
