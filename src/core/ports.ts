/**
 * What the core needs from a chat platform to act on its own (weekly questions,
 * reading-group reminders and threads), as opposed to answering a command. Each
 * adapter implements `DeliveryPort`; the core never imports a platform SDK.
 */
import type { ConversationRef, Platform } from './context.js';
import type { Reply } from './message.js';

/** Where a scheduled post goes: a channel, or a person by direct message. */
export type Destination =
  | { readonly kind: 'channel'; readonly conversation: ConversationRef }
  | { readonly kind: 'user'; readonly platform: Platform; readonly tenantId: string; readonly userId: string };

/** A message the platform accepted. `messageId` is Slack's ts or Discord's snowflake. */
export interface PostedMessage {
  readonly conversation: ConversationRef;
  readonly messageId: string;
}

/**
 * Why a platform call failed, in the core's words. The adapters' error mappers decide;
 * the core never reads a platform's own codes.
 * - `gone`: the channel, message or person no longer exists (or is archived).
 * - `no-access`: the bot lost access or rights, or cannot reach this person.
 * - `rejected`: the platform refuses this request as it is (too long, malformed).
 * - `rate-limited`: asked to slow down; retry later.
 * - `transient`: anything else (network, server trouble); retry later.
 */
export type FailureReason = 'gone' | 'no-access' | 'rejected' | 'rate-limited' | 'transient';

/** Retrying cannot heal these: the caller pauses what caused them and tells its owner. */
export function isPermanent(reason: FailureReason): boolean {
  return reason === 'gone' || reason === 'no-access' || reason === 'rejected';
}

/**
 * The code an adapter gives a `DeliveryError` for a workspace or server this process does
 * not serve (never a platform's own code): a refusal to explain, not an outage.
 */
export const FOREIGN_TENANT = 'wrong_tenant';

/** A failed platform call, as a neutral reason; the platform's own code is kept for logs. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly platform: Platform,
    /** The platform's own code, e.g. `channel_not_found` or `50013`: for logs and records only. */
    readonly code: string,
    readonly reason: FailureReason,
    message: string,
    /** What went wrong in words a channel owner can act on, when the adapter knows ("the channel is archived"). */
    readonly explanation?: string,
    /** The platform said how long to wait (HTTP 429 `Retry-After`): nothing was posted. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.permanent = isPermanent(reason);
  }

  readonly permanent: boolean;
}

/**
 * The pace a platform allows for posts, kept by the core's outbox so that limits are honoured
 * rather than discovered. Scopes: one conversation (channel or DM), and one tenant (workspace).
 */
export interface Pacing {
  /** Least time between two posts to one conversation (Slack: about one message per second). */
  readonly conversationIntervalMs?: number;
  /** Posts per second per tenant from this process (Slack's workspace limit divided among processes). */
  readonly tenantPerSecond?: number;
}

export interface DeliveryPort {
  readonly platform: Platform;

  /**
   * Posts a message. `idempotencyKey` identifies this post across crashes: Discord
   * sends it as an enforced nonce, Slack attaches it as message metadata, so that
   * `findPosted` can recognise a post that was made before a crash.
   */
  post(destination: Destination, reply: Reply, idempotencyKey: string): Promise<PostedMessage>;

  /** Looks for a recent post carrying `idempotencyKey` (reconciliation after a crash). */
  findPosted(destination: Destination, idempotencyKey: string, since: Date): Promise<PostedMessage | null>;

  /** Opens a discussion thread under a posted message. Null where the platform has none (Discord DMs). */
  openThread(message: PostedMessage, name: string): Promise<ConversationRef | null>;

  /** Replaces a posted message (live counts). */
  update(message: PostedMessage, reply: Reply): Promise<void>;

  /** May this user manage this channel's subscriptions and groups? (Slack admin/owner; Discord Manage Channels/Server.) */
  canManageChannel(tenantId: string, userId: string, channelId: string): Promise<boolean>;

  /** Posts a text file (reading-group notes). Adapters without files post the text instead. */
  uploadText(conversation: ConversationRef, filename: string, title: string, content: string): Promise<void>;

  /**
   * A link people can open to a thread (a reading-group session's), for calendars.
   * Optional: undefined, or no method, where the platform has no such link (the shell).
   */
  threadLink?(thread: ConversationRef): Promise<string | undefined>;

  /**
   * Platform calendar events (Discord guild scheduled events), for reading groups with
   * `events:on`. Optional: platforms without them (Slack, the shell) leave it out, and
   * the core then refuses `events:on` with a specific message.
   */
  readonly scheduledEvents?: ScheduledEventsPort;

  /**
   * Private conversations among several people (introductions). Optional: the core
   * says plainly that introductions are not available where a platform leaves it out.
   */
  readonly groupConversations?: GroupConversationsPort;

  /** Limits the outbox keeps for this platform. None: the port (or its SDK) paces itself. */
  readonly pacing?: Pacing;
}

/** Who a group conversation is for, in one tenant. */
export interface GroupConversationSpec {
  readonly tenantId: string;
  /** Everyone in it, at least two, at most the port's `maxMembers`. */
  readonly userIds: readonly string[];
  /** A short title (Discord shows it as the thread's name). */
  readonly name: string;
  /** The channel that holds it, where the platform needs one (`needsChannel`). */
  readonly channelId?: string;
}

/**
 * Opens a conversation only its members see: a multi-person DM on Slack, a private
 * thread in a channel organisers chose on Discord (bots cannot open group DMs there).
 * The core then posts into the returned conversation with `post`.
 */
export interface GroupConversationsPort {
  /** True when the conversation lives in a channel someone must choose first (Discord). */
  readonly needsChannel: boolean;
  /** The most people one conversation may hold (Slack: 8 for a multi-person DM). */
  readonly maxMembers: number;
  open(spec: GroupConversationSpec): Promise<ConversationRef>;
}

/** One session as a calendar event. Plain text only; the adapter applies its limits. */
export interface ScheduledEventSpec {
  readonly name: string;
  readonly description: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** Where the event happens: the group's channel (Discord shows it as the event's location). */
  readonly channelId: string;
}

/**
 * Creates, moves and removes scheduled events in a tenant (a Discord server). Failures
 * are `DeliveryError`s: a missing Manage Events permission is permanent (Discord 50013).
 */
export interface ScheduledEventsPort {
  /** Returns the platform's event id. */
  create(tenantId: string, event: ScheduledEventSpec): Promise<string>;
  update(tenantId: string, eventId: string, event: ScheduledEventSpec): Promise<void>;
  delete(tenantId: string, eventId: string): Promise<void>;
}

/** The delivery ports of the platforms that run in this process. */
export interface DeliveryDirectory {
  get(platform: Platform): DeliveryPort | undefined;
}

export class DeliveryPorts implements DeliveryDirectory {
  readonly #ports = new Map<Platform, DeliveryPort>();
  add(port: DeliveryPort): void {
    this.#ports.set(port.platform, port);
  }
  get(platform: Platform): DeliveryPort | undefined {
    return this.#ports.get(platform);
  }
}
