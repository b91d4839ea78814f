/**
 * SQLite implementation of `SubscriptionStore` (tables `subscriptions`,
 * `subscription_history`, `interests`; migration 2).
 */
import type { Platform } from '../core/context.js';
import type {
  Interest,
  NewSubscription,
  NextDue,
  OriginFilter,
  PostedQuestion,
  QuestionOrder,
  RecordedPost,
  Subscription,
  SubscriptionStore,
} from '../core/features/weekly-question/model.js';
import type { Weekday } from '../core/time/zoned.js';
import type { Db } from './db.js';
import type { Synchronous } from './sqlite-gate.js';
import { statementCache } from './statement-cache.js';

export interface Row {
  id: number;
  platform: string;
  tenant_id: string;
  target_kind: string;
  target_id: string;
  owner_id: string;
  weekday: number;
  local_time: string;
  zone: string;
  scope: string | null;
  origin: string;
  ordering: string;
  count: number;
  seed: number;
  round: number;
  paused: number;
  paused_reason: string | null;
  next_due_at: string;
  created_at: string;
}

export function toSubscription(row: Row): Subscription {
  const [hour = 0, minute = 0] = row.local_time.split(':').map(Number);
  return {
    id: row.id,
    platform: row.platform as Platform,
    tenantId: row.tenant_id,
    target:
      row.target_kind === 'channel'
        ? { kind: 'channel', channelId: row.target_id }
        : { kind: 'user', userId: row.target_id },
    ownerId: row.owner_id,
    weekday: row.weekday as Weekday,
    time: { hour, minute },
    zone: row.zone,
    ...(row.scope !== null ? { scope: row.scope } : {}),
    origin: row.origin as OriginFilter,
    order: row.ordering as QuestionOrder,
    count: row.count,
    seed: row.seed,
    round: row.round,
    paused: row.paused === 1,
    ...(row.paused_reason !== null ? { pausedReason: row.paused_reason } : {}),
    nextDueAt: new Date(row.next_due_at),
    createdAt: new Date(row.created_at),
  };
}

export interface HistoryRow {
  delivery_key: string;
  position: number;
  round: number;
  question_id: string;
  challenge_id: string;
  new_round: number;
}

export function toPosted(row: HistoryRow): PostedQuestion {
  return {
    deliveryKey: row.delivery_key,
    position: row.position,
    round: row.round,
    questionId: row.question_id,
    challengeId: row.challenge_id,
    newRound: row.new_round === 1,
  };
}

/** Rows of several subscriptions' histories, each in `history`'s order, grouped by subscription (every id present). */
export function historiesOf(
  ids: readonly number[],
  rows: readonly (HistoryRow & { subscription_id: number })[],
): Map<number, PostedQuestion[]> {
  const byId = new Map<number, PostedQuestion[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(row.subscription_id)?.push(toPosted(row));
  return byId;
}

export class SubscriptionsRepository implements Synchronous<SubscriptionStore> {
  readonly #prepare: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.#prepare = statementCache(db);
  }

  create(s: NewSubscription): Subscription {
    const time = `${String(s.time.hour).padStart(2, '0')}:${String(s.time.minute).padStart(2, '0')}`;
    const row = this.#prepare(
      `INSERT INTO subscriptions (platform, tenant_id, target_kind, target_id, owner_id, weekday, local_time, zone,
           scope, origin, ordering, count, seed, next_due_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ).get(
      s.platform,
      s.tenantId,
      s.target.kind,
      s.target.kind === 'channel' ? s.target.channelId : s.target.userId,
      s.ownerId,
      s.weekday,
      time,
      s.zone,
      s.scope ?? null,
      s.origin,
      s.order,
      s.count,
      s.seed,
      s.nextDueAt.toISOString(),
      s.createdAt.toISOString(),
    ) as Row;
    return toSubscription(row);
  }

  /** The subscriptions matching `where` (a WHERE clause with its ORDER BY), as core shapes. */
  private subscriptionsWhere(where: string, ...params: unknown[]): Subscription[] {
    return (this.#prepare(`SELECT * FROM subscriptions WHERE ${where}`).all(...params) as Row[]).map(toSubscription);
  }

  find(platform: Platform, tenantId: string, id: number): Subscription | undefined {
    return this.subscriptionsWhere('id = ? AND platform = ? AND tenant_id = ?', id, platform, tenantId)[0];
  }

  byId(id: number): Subscription | undefined {
    return this.subscriptionsWhere('id = ?', id)[0];
  }

  list(platform: Platform, tenantId: string): readonly Subscription[] {
    return this.subscriptionsWhere('platform = ? AND tenant_id = ? ORDER BY id', platform, tenantId);
  }

  due(now: Date): readonly Subscription[] {
    return this.subscriptionsWhere('paused = 0 AND next_due_at <= ? ORDER BY next_due_at, id', now.toISOString());
  }

  remove(id: number): void {
    this.#prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
  }

  setPaused(id: number, paused: boolean, reason: string | undefined, nextDueAt: Date): void {
    this.#prepare('UPDATE subscriptions SET paused = ?, paused_reason = ?, next_due_at = ? WHERE id = ?').run(
      paused ? 1 : 0,
      reason ?? null,
      nextDueAt.toISOString(),
      id,
    );
  }

  setNextDue(id: number, nextDueAt: Date): void {
    this.#prepare('UPDATE subscriptions SET next_due_at = ? WHERE id = ?').run(nextDueAt.toISOString(), id);
  }

  /** The history rows matching `where` (with its ORDER BY), as core shapes. */
  private postedWhere(where: string, ...params: unknown[]): PostedQuestion[] {
    return (this.#prepare(`SELECT * FROM subscription_history WHERE ${where}`).all(...params) as HistoryRow[]).map(
      toPosted,
    );
  }

  history(id: number): readonly PostedQuestion[] {
    return this.postedWhere('subscription_id = ? ORDER BY planned_at, delivery_key, position', id);
  }

  recordPost(id: number, round: number, questions: readonly PostedQuestion[], now: Date): void {
    this.recordPosts([{ id, round, questions }], now);
  }

  postedIn(deliveryKey: string): readonly PostedQuestion[] {
    return this.postedWhere('delivery_key = ? ORDER BY position', deliveryKey);
  }

  addInterest(
    platform: Platform,
    tenantId: string,
    userId: string,
    questionId: string,
    deliveryKey: string,
    now: Date,
  ): boolean {
    const result = this.#prepare(
      `INSERT INTO interests (platform, tenant_id, user_id, question_id, delivery_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(platform, tenantId, userId, questionId, deliveryKey, now.toISOString());
    return result.changes === 1;
  }

  interestCount(deliveryKey: string, questionId: string): number {
    const row = this.#prepare('SELECT COUNT(*) AS n FROM interests WHERE delivery_key = ? AND question_id = ?').get(
      deliveryKey,
      questionId,
    ) as { n: number };
    return row.n;
  }

  interestsOf(platform: Platform, tenantId: string, userId: string): readonly Interest[] {
    const rows = this.#prepare(
      `SELECT question_id, delivery_key, created_at FROM interests
         WHERE platform = ? AND tenant_id = ? AND user_id = ? ORDER BY created_at, question_id`,
    ).all(platform, tenantId, userId) as { question_id: string; delivery_key: string; created_at: string }[];
    return rows.map((r) => ({
      questionId: r.question_id,
      deliveryKey: r.delivery_key,
      createdAt: new Date(r.created_at),
    }));
  }

  histories(ids: readonly number[]): ReadonlyMap<number, readonly PostedQuestion[]> {
    if (ids.length === 0) return new Map();
    const rows = this.#prepare(
      `SELECT * FROM subscription_history WHERE subscription_id IN (SELECT value FROM json_each(?))
         ORDER BY subscription_id, planned_at, delivery_key, position`,
    ).all(JSON.stringify(ids)) as (HistoryRow & { subscription_id: number })[];
    return historiesOf(ids, rows);
  }

  recordPosts(posts: readonly RecordedPost[], now: Date): void {
    const insert = this.#prepare(
      `INSERT INTO subscription_history (subscription_id, delivery_key, position, round, question_id, challenge_id, new_round, planned_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setRound = this.#prepare('UPDATE subscriptions SET round = ? WHERE id = ?');
    const at = now.toISOString();
    this.db
      .transaction(() => {
        for (const { id, round, questions } of posts) {
          for (const q of questions) {
            insert.run(id, q.deliveryKey, q.position, q.round, q.questionId, q.challengeId, q.newRound ? 1 : 0, at);
          }
          setRound.run(round, id);
        }
      })
      .immediate();
  }

  setNextDues(moves: readonly NextDue[]): void {
    const update = this.#prepare('UPDATE subscriptions SET next_due_at = ? WHERE id = ?');
    this.db
      .transaction(() => {
        for (const { id, nextDueAt } of moves) update.run(nextDueAt.toISOString(), id);
      })
      .immediate();
  }
}
