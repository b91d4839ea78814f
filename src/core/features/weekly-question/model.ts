/**
 * Weekly-question subscriptions: who gets a question, where, when, and which ones.
 * A subscription belongs to one tenant (workspace or server); every lookup a command
 * makes is scoped by platform and tenant, so no tenant can see another's.
 */
import type { Platform } from '../../context.js';
import type { Origin } from '../../message.js';
import type { TimeOfDay, Weekday } from '../../time/zoned.js';

export type OriginFilter = Origin | 'any';
export type QuestionOrder = 'agenda' | 'shuffled';

/** A channel, or a person by direct message. */
export type SubscriptionTarget =
  { readonly kind: 'channel'; readonly channelId: string } | { readonly kind: 'user'; readonly userId: string };

export interface NewSubscription {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly target: SubscriptionTarget;
  /** Who subscribed: told when the subscription is paused by a delivery problem. */
  readonly ownerId: string;
  readonly weekday: Weekday;
  readonly time: TimeOfDay;
  readonly zone: string;
  /** A challenge id (`3.5`) or category id; absent for the whole agenda. */
  readonly scope?: string;
  readonly origin: OriginFilter;
  readonly order: QuestionOrder;
  readonly count: number;
  /** Fixes the shuffled order of this subscription. */
  readonly seed: number;
  readonly nextDueAt: Date;
  readonly createdAt: Date;
}

export interface Subscription extends NewSubscription {
  readonly id: number;
  /** The rotation round: 1 until every eligible question has been posted once, then 2… */
  readonly round: number;
  readonly paused: boolean;
  readonly pausedReason?: string;
}

/** One question of one post, remembered for the rotation and to redraw the card. */
export interface PostedQuestion {
  readonly deliveryKey: string;
  readonly position: number;
  readonly round: number;
  readonly questionId: string;
  readonly challengeId: string;
  readonly newRound: boolean;
}

export interface Interest {
  readonly questionId: string;
  readonly deliveryKey: string;
  readonly createdAt: Date;
}

/** Implemented per backend (SQLite: `src/persistence/subscriptions-repository.ts`). Each call is atomic on its own. */
export interface SubscriptionStore {
  create(subscription: NewSubscription): Promise<Subscription>;
  /** Tenant-scoped lookup: undefined for another tenant's id. */
  find(platform: Platform, tenantId: string, id: number): Promise<Subscription | undefined>;
  /** Unscoped, for the scheduler and delivery callbacks only. */
  byId(id: number): Promise<Subscription | undefined>;
  list(platform: Platform, tenantId: string): Promise<readonly Subscription[]>;
  /** Not paused and due at or before `now`. */
  due(now: Date): Promise<readonly Subscription[]>;
  remove(id: number): Promise<void>;
  setPaused(id: number, paused: boolean, reason: string | undefined, nextDueAt: Date): Promise<void>;
  setNextDue(id: number, nextDueAt: Date): Promise<void>;
  /** Everything posted so far, oldest first. */
  history(id: number): Promise<readonly PostedQuestion[]>;
  /** Records one post's questions and moves the subscription to `round`. */
  recordPost(id: number, round: number, questions: readonly PostedQuestion[], now: Date): Promise<void>;
  postedIn(deliveryKey: string): Promise<readonly PostedQuestion[]>;
  /** False when this person had already said so for this post and question. */
  addInterest(
    platform: Platform,
    tenantId: string,
    userId: string,
    questionId: string,
    deliveryKey: string,
    now: Date,
  ): Promise<boolean>;
  interestCount(deliveryKey: string, questionId: string): Promise<number>;
  interestsOf(platform: Platform, tenantId: string, userId: string): Promise<readonly Interest[]>;
  /**
   * `history` of several subscriptions in one query (planning a batch on a database server is otherwise a round
   * trip per subscription): each id's posts oldest first, as `history` orders them; an id with none maps to [].
   */
  histories(ids: readonly number[]): Promise<ReadonlyMap<number, readonly PostedQuestion[]>>;
  /** `recordPost` for several subscriptions at once. */
  recordPosts(posts: readonly RecordedPost[], now: Date): Promise<void>;
  /** `setNextDue` for several subscriptions at once. */
  setNextDues(moves: readonly NextDue[]): Promise<void>;
}

/** One post's questions for `recordPosts`: what `recordPost` takes for one subscription. */
export interface RecordedPost {
  readonly id: number;
  readonly round: number;
  readonly questions: readonly PostedQuestion[];
}

/** A subscription's next due instant, for `setNextDues`. */
export interface NextDue {
  readonly id: number;
  readonly nextDueAt: Date;
}
