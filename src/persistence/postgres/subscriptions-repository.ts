/**
 * PostgreSQL implementation of `SubscriptionStore` (tables `subscriptions`, `subscription_history`,
 * `interests`). Rows have SQLite's shape, so the SQLite repository's mappers read them. The Interested count is
 * always counted from the rows, never carried in memory, so two processes recording interest at once both count.
 */
import type { Platform } from '../../core/context.js';
import type {
  Interest,
  NewSubscription,
  NextDue,
  PostedQuestion,
  RecordedPost,
  Subscription,
  SubscriptionStore,
} from '../../core/features/weekly-question/model.js';
import { historiesOf, toPosted, toSubscription, type HistoryRow, type Row } from '../subscriptions-repository.js';
import type { Executor } from './connection.js';
import { sql, type Sql } from './sql.js';

export class PostgresSubscriptions implements SubscriptionStore {
  constructor(private readonly db: Executor) {}

  async create(s: NewSubscription): Promise<Subscription> {
    const time = `${String(s.time.hour).padStart(2, '0')}:${String(s.time.minute).padStart(2, '0')}`;
    const target = s.target.kind === 'channel' ? s.target.channelId : s.target.userId;
    const row = await this.db.row<Row>(sql`
      INSERT INTO subscriptions (platform, tenant_id, target_kind, target_id, owner_id, weekday, local_time, zone,
          scope, origin, ordering, count, seed, next_due_at, created_at)
        VALUES (${s.platform}, ${s.tenantId}, ${s.target.kind}, ${target}, ${s.ownerId}, ${s.weekday}, ${time},
          ${s.zone}, ${s.scope ?? null}, ${s.origin}, ${s.order}, ${s.count}, ${s.seed}, ${s.nextDueAt.toISOString()},
          ${s.createdAt.toISOString()})
        RETURNING *`);
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return toSubscription(row);
  }

  async #where(where: Sql): Promise<Subscription[]> {
    return (await this.db.rows<Row>(sql`SELECT * FROM subscriptions WHERE ${where}`)).map(toSubscription);
  }

  async find(platform: Platform, tenantId: string, id: number): Promise<Subscription | undefined> {
    return (await this.#where(sql`id = ${id} AND platform = ${platform} AND tenant_id = ${tenantId}`))[0];
  }

  async byId(id: number): Promise<Subscription | undefined> {
    return (await this.#where(sql`id = ${id}`))[0];
  }

  async list(platform: Platform, tenantId: string): Promise<readonly Subscription[]> {
    return this.#where(sql`platform = ${platform} AND tenant_id = ${tenantId} ORDER BY id`);
  }

  async due(now: Date): Promise<readonly Subscription[]> {
    return this.#where(sql`paused = 0 AND next_due_at <= ${now.toISOString()} ORDER BY next_due_at, id`);
  }

  async remove(id: number): Promise<void> {
    await this.db.run(sql`DELETE FROM subscriptions WHERE id = ${id}`);
  }

  async setPaused(id: number, paused: boolean, reason: string | undefined, nextDueAt: Date): Promise<void> {
    await this.db.run(sql`
      UPDATE subscriptions SET paused = ${paused ? 1 : 0}, paused_reason = ${reason ?? null},
          next_due_at = ${nextDueAt.toISOString()}
        WHERE id = ${id}`);
  }

  async setNextDue(id: number, nextDueAt: Date): Promise<void> {
    await this.db.run(sql`UPDATE subscriptions SET next_due_at = ${nextDueAt.toISOString()} WHERE id = ${id}`);
  }

  async #posted(where: Sql): Promise<PostedQuestion[]> {
    return (await this.db.rows<HistoryRow>(sql`SELECT * FROM subscription_history WHERE ${where}`)).map(toPosted);
  }

  async history(id: number): Promise<readonly PostedQuestion[]> {
    return this.#posted(sql`subscription_id = ${id} ORDER BY planned_at, delivery_key, position`);
  }

  /** One statement (one round trip, atomic on its own): the history rows, then the subscription's round. */
  async recordPost(id: number, round: number, questions: readonly PostedQuestion[], now: Date): Promise<void> {
    const column = <T>(pick: (q: PostedQuestion) => T): T[] => questions.map(pick);
    await this.db.run(sql`
      WITH posted AS (
        INSERT INTO subscription_history (subscription_id, delivery_key, position, round, question_id,
            challenge_id, new_round, planned_at)
          SELECT ${id}::int, q.delivery_key, q.position, q.round, q.question_id, q.challenge_id, q.new_round,
              ${now.toISOString()}::text
            FROM unnest(${column((q) => q.deliveryKey)}::text[], ${column((q) => q.position)}::int[],
              ${column((q) => q.round)}::int[], ${column((q) => q.questionId)}::text[],
              ${column((q) => q.challengeId)}::text[], ${column((q) => (q.newRound ? 1 : 0))}::int[])
              AS q(delivery_key, position, round, question_id, challenge_id, new_round))
      UPDATE subscriptions SET round = ${round} WHERE id = ${id}`);
  }

  async postedIn(deliveryKey: string): Promise<readonly PostedQuestion[]> {
    return this.#posted(sql`delivery_key = ${deliveryKey} ORDER BY position`);
  }

  async addInterest(
    platform: Platform,
    tenantId: string,
    userId: string,
    questionId: string,
    deliveryKey: string,
    now: Date,
  ): Promise<boolean> {
    const changed = await this.db.run(sql`
      INSERT INTO interests (platform, tenant_id, user_id, question_id, delivery_key, created_at)
        VALUES (${platform}, ${tenantId}, ${userId}, ${questionId}, ${deliveryKey}, ${now.toISOString()})
        ON CONFLICT DO NOTHING`);
    return changed === 1;
  }

  async interestCount(deliveryKey: string, questionId: string): Promise<number> {
    const row = await this.db.row<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM interests WHERE delivery_key = ${deliveryKey} AND question_id = ${questionId}`,
    );
    return row?.n ?? 0;
  }

  async interestsOf(platform: Platform, tenantId: string, userId: string): Promise<readonly Interest[]> {
    const rows = await this.db.rows<{ question_id: string; delivery_key: string; created_at: string }>(sql`
      SELECT question_id, delivery_key, created_at FROM interests
        WHERE platform = ${platform} AND tenant_id = ${tenantId} AND user_id = ${userId}
        ORDER BY created_at, question_id`);
    return rows.map((r) => ({
      questionId: r.question_id,
      deliveryKey: r.delivery_key,
      createdAt: new Date(r.created_at),
    }));
  }

  async histories(ids: readonly number[]): Promise<ReadonlyMap<number, readonly PostedQuestion[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.rows<HistoryRow & { subscription_id: number }>(sql`
      SELECT * FROM subscription_history WHERE subscription_id = ANY(${[...ids]}::int[])
        ORDER BY subscription_id, planned_at, delivery_key, position`);
    return historiesOf(ids, rows);
  }

  /** One statement: every post's history rows, then each subscription's round. */
  async recordPosts(posts: readonly RecordedPost[], now: Date): Promise<void> {
    if (posts.length === 0) return;
    const rows = posts.flatMap((post) => post.questions.map((q) => ({ id: post.id, q })));
    const column = <T>(pick: (row: { id: number; q: PostedQuestion }) => T): T[] => rows.map(pick);
    await this.db.run(sql`
      WITH posted AS (
        INSERT INTO subscription_history (subscription_id, delivery_key, position, round, question_id,
            challenge_id, new_round, planned_at)
          SELECT q.subscription_id, q.delivery_key, q.position, q.round, q.question_id, q.challenge_id, q.new_round,
              ${now.toISOString()}::text
            FROM unnest(${column((r) => r.id)}::int[], ${column((r) => r.q.deliveryKey)}::text[],
              ${column((r) => r.q.position)}::int[], ${column((r) => r.q.round)}::int[],
              ${column((r) => r.q.questionId)}::text[], ${column((r) => r.q.challengeId)}::text[],
              ${column((r) => (r.q.newRound ? 1 : 0))}::int[])
              AS q(subscription_id, delivery_key, position, round, question_id, challenge_id, new_round))
      UPDATE subscriptions SET round = p.round
        FROM unnest(${posts.map((p) => p.id)}::int[], ${posts.map((p) => p.round)}::int[]) AS p(id, round)
        WHERE subscriptions.id = p.id`);
  }

  async setNextDues(moves: readonly NextDue[]): Promise<void> {
    if (moves.length === 0) return;
    await this.db.run(sql`
      UPDATE subscriptions SET next_due_at = m.at
        FROM unnest(${moves.map((m) => m.id)}::int[], ${moves.map((m) => m.nextDueAt.toISOString())}::text[])
          AS m(id, at)
        WHERE subscriptions.id = m.id`);
  }
}
