/**
 * The shell's delivery port: its one channel is the terminal. Scheduled posts
 * (weekly questions, reading-group sessions) are printed like any other message.
 * It keeps posted keys in memory only: a restarted shell starts a new conversation.
 */
import type { ConversationRef } from '../../src/core/context.js';
import type { Reply } from '../../src/core/message.js';
import type { Destination, DeliveryPort, PostedMessage } from '../../src/core/ports.js';
import { ShellGroupConversations } from './group-conversations.js';

export const SHELL_CONVERSATION: ConversationRef = { platform: 'shell', tenantId: 'local', channelId: 'terminal' };

export class ShellDeliveryPort implements DeliveryPort {
  readonly platform = 'shell' as const;
  readonly groupConversations = new ShellGroupConversations();
  readonly #posted = new Map<string, PostedMessage>();
  #nextId = 1;

  constructor(private readonly print: (reply: Reply, heading: string) => void) {}

  async post(destination: Destination, reply: Reply, idempotencyKey: string): Promise<PostedMessage> {
    const known = this.#posted.get(idempotencyKey);
    if (known) return known;
    const conversation = destination.kind === 'channel' ? destination.conversation : SHELL_CONVERSATION;
    const message: PostedMessage = { conversation, messageId: String(this.#nextId++) };
    this.print(reply, destination.kind === 'user' ? 'direct message from agendabot' : 'posted in #terminal');
    this.#posted.set(idempotencyKey, message);
    return message;
  }

  async findPosted(_destination: Destination, idempotencyKey: string): Promise<PostedMessage | null> {
    return this.#posted.get(idempotencyKey) ?? null;
  }

  async openThread(message: PostedMessage): Promise<ConversationRef> {
    return { ...message.conversation, threadId: message.messageId };
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    this.print(reply, `message ${message.messageId} updated`);
  }

  async canManageChannel(): Promise<boolean> {
    return true; // the person at the terminal runs the bot
  }

  async uploadText(_conversation: ConversationRef, filename: string, title: string, content: string): Promise<void> {
    this.print(
      {
        visibility: 'channel',
        summary: title,
        blocks: [
          { kind: 'heading', text: `${title} (${filename})` },
          { kind: 'text', spans: [content] },
        ],
      },
      'file',
    );
  }
}
