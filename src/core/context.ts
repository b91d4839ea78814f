/**
 * Who asked, and where. Core ids are opaque strings from the platform; the core
 * never interprets them beyond equality. A tenant is a Slack workspace or a Discord
 * server: no command in one tenant may see or change another tenant's state.
 */

export type Platform = 'slack' | 'discord' | 'shell';

export interface ConversationRef {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly channelId: string;
  /** Slack: the parent message ts. Discord: the thread channel id (then channelId is the thread's parent). */
  readonly threadId?: string;
}

export interface Actor {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName?: string;
}

/** What every command, action and modal handler gets to know about its caller. */
export interface CommandContext {
  readonly actor: Actor;
  readonly conversation: ConversationRef;
  /** True in a direct message with the bot. */
  readonly isDirect: boolean;
}
