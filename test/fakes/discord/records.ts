/**
 * What the fake Discord saw and keeps: every request, the interaction answers, and the
 * state a real Discord would hold (channel messages, threads, DM channels, published
 * commands, scheduled events). Tests read these fields directly.
 */

/** Any JSON object as received. */
export type Json = Record<string, unknown>;

export interface RecordedRequest {
  readonly method: string;
  /** Path after `/api/v10`, e.g. `/channels/200000000000000001/messages`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Json | undefined;
  /** Files of a multipart request. */
  readonly files: readonly { readonly name: string; readonly content: string }[];
  /** The status the fake answered. */
  status: number;
  /** When it arrived (ms since the epoch). */
  readonly at: number;
}

export interface InteractionCallback {
  readonly interactionId: string;
  readonly token: string;
  /** 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete result, 9 modal. */
  readonly type: number;
  readonly data: Json | undefined;
}

export interface WebhookCall {
  readonly token: string;
  /** `followUp`, `editOriginal` or `deleteOriginal`. */
  readonly kind: 'followUp' | 'editOriginal' | 'deleteOriginal';
  readonly body: Json | undefined;
}

export interface ChannelMessage {
  readonly id: string;
  readonly channelId: string;
  body: Json;
  readonly files: RecordedRequest['files'];
  /** As returned when posted (with the nonce, as Discord answers the POST). */
  readonly json: Json;
  /** ISO time of the last edit, if any. */
  editedAt?: string;
}

export interface ThreadRecord {
  readonly id: string;
  readonly parentId: string;
  readonly messageId: string;
  readonly name: string;
  readonly autoArchiveDuration: number;
  /** 11 public (the default), 12 private. */
  readonly type?: number;
}

export class FakeRecords {
  /** The shard count `GET /gateway/bot` recommends (a bot in more than 2,500 servers gets more than 1). */
  recommendedShards = 1;
  readonly requests: RecordedRequest[] = [];
  readonly callbacks: InteractionCallback[] = [];
  readonly webhooks: WebhookCall[] = [];
  readonly messages: ChannelMessage[] = [];
  readonly threads: ThreadRecord[] = [];
  /** Members added to a thread (PUT thread-members), by thread id, in order. */
  readonly threadMembers = new Map<string, string[]>();
  /** DM channel id by user id. */
  readonly dmChannels = new Map<string, string>();
  /** Published commands: key `global` or a guild id. */
  readonly commands = new Map<string, Json[]>();
  readonly scheduledEvents = new Map<string, Json>();
  /** Text channels of the guild beyond the world's two (`CHANNELS`), e.g. a bench's thousand. */
  readonly extraChannels = new Set<string>();
  /**
   * How long an enforced nonce deduplicates (Discord: a few minutes). Set to 0 to act
   * as if the window has passed, as after a long crash.
   */
  nonceWindowMs = 5 * 60_000;

  /** Messages posted in one channel (or thread), oldest first. */
  messagesIn(channelId: string): ChannelMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  // By interaction id and by token: a bench sends thousands of interactions, and scanning every answer on each
  // request (the waiters check after every one) cost the fake time on the cores the bots share.
  readonly #callbacksById = new Map<string, InteractionCallback[]>();
  readonly #webhooksByToken = new Map<string, WebhookCall[]>();

  recordCallback(callback: InteractionCallback): void {
    this.callbacks.push(callback);
    appendTo(this.#callbacksById, callback.interactionId, callback);
  }

  recordWebhook(call: WebhookCall): void {
    this.webhooks.push(call);
    appendTo(this.#webhooksByToken, call.token, call);
  }

  /** Interaction answers for one interaction, in order. */
  callbacksFor(interactionId: string): InteractionCallback[] {
    return [...(this.#callbacksById.get(interactionId) ?? [])];
  }

  /** Follow-ups and edits made with one interaction token, in order. */
  webhooksFor(token: string): WebhookCall[] {
    return [...(this.#webhooksByToken.get(token) ?? [])];
  }
}

function appendTo<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
