/**
 * An in-memory `DeliveryPort` that records everything, for core tests. It behaves like
 * a platform that remembers idempotency keys (so `findPosted` works after a "crash")
 * and can be told to fail the next calls. Reusable by any feature's tests.
 */
import type { ConversationRef, Platform } from '../../src/core/context.js';
import type { Reply } from '../../src/core/message.js';
import type { DeliveryPort, Destination, PostedMessage } from '../../src/core/ports.js';

export interface RecordedPost {
  readonly destination: Destination;
  readonly conversation: ConversationRef;
  readonly reply: Reply;
  readonly key: string;
  readonly messageId: string;
}

export class MemoryDeliveryPort implements DeliveryPort {
  readonly posts: RecordedPost[] = [];
  readonly threads: { message: PostedMessage; name: string; thread: ConversationRef }[] = [];
  readonly updates: { message: PostedMessage; reply: Reply }[] = [];
  readonly uploads: { conversation: ConversationRef; filename: string; content: string }[] = [];
  /** Users allowed to manage any channel: `tenant:user`. */
  readonly managers = new Set<string>();
  /** Errors the next `post` calls throw, in order. */
  readonly postFailures: Error[] = [];
  readonly threadFailures: Error[] = [];
  /** Set false to model a platform without threads in DMs. */
  threadsInDirectMessages = true;
  #next = 1;

  constructor(readonly platform: Platform = 'shell') {}

  /** Posts in one conversation (a channel or a DM), in order. */
  postsIn(channelId: string): RecordedPost[] {
    return this.posts.filter((p) => p.conversation.channelId === channelId && p.conversation.threadId === undefined);
  }

  async post(destination: Destination, reply: Reply, idempotencyKey: string): Promise<PostedMessage> {
    const failure = this.postFailures.shift();
    if (failure) throw failure;
    const conversation = conversationOf(destination);
    const messageId = `m${this.#next++}`;
    this.posts.push({ destination, conversation, reply, key: idempotencyKey, messageId });
    return { conversation, messageId };
  }

  async findPosted(destination: Destination, idempotencyKey: string): Promise<PostedMessage | null> {
    const conversation = conversationOf(destination);
    const found = this.posts.find(
      (p) => p.key === idempotencyKey && p.conversation.channelId === conversation.channelId,
    );
    return found ? { conversation: found.conversation, messageId: found.messageId } : null;
  }

  async openThread(message: PostedMessage, name: string): Promise<ConversationRef | null> {
    const failure = this.threadFailures.shift();
    if (failure) throw failure;
    if (!this.threadsInDirectMessages && message.conversation.channelId.startsWith('dm:')) return null;
    const thread = { ...message.conversation, threadId: message.messageId };
    this.threads.push({ message, name, thread });
    return thread;
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    this.updates.push({ message, reply });
  }

  async canManageChannel(tenantId: string, userId: string): Promise<boolean> {
    return this.managers.has(`${tenantId}:${userId}`);
  }

  async uploadText(conversation: ConversationRef, filename: string, _title: string, content: string): Promise<void> {
    this.uploads.push({ conversation, filename, content });
  }

  /** Thread links look like `https://chat.test/<channel>/<thread>`. */
  async threadLink(thread: ConversationRef): Promise<string | undefined> {
    return thread.threadId === undefined ? undefined : `https://chat.test/${thread.channelId}/${thread.threadId}`;
  }
}

/** DMs are modelled as channel `dm:<user>`. */
function conversationOf(destination: Destination): ConversationRef {
  return destination.kind === 'channel'
    ? destination.conversation
    : { platform: destination.platform, tenantId: destination.tenantId, channelId: `dm:${destination.userId}` };
}
