/**
 * SQLite implementation of `IntroductionStore` (tables `introduction_consents`,
 * `introduction_channels`, `introductions`, `introduction_members`; migration 5).
 * It also reads the weekly question's `interests` table (migration 2), read-only: who
 * marked a question Interested is the weekly question's record, introductions only count it.
 */
import {
  memberKey,
  type IntroductionStore,
  type NewIntroduction,
  type Tenant,
} from '../core/features/introductions/model.js';
import type { Db } from './db.js';
import type { Synchronous } from './sqlite-gate.js';
import { statementCache } from './statement-cache.js';

const TENANT = 'platform = ? AND tenant_id = ?';

export class IntroductionsRepository implements Synchronous<IntroductionStore> {
  readonly #db: Db;
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: Db) {
    this.#db = db;
    this.#sql = statementCache(db);
  }

  isOptedIn(tenant: Tenant, userId: string): boolean {
    const row = this.#sql(`SELECT 1 FROM introduction_consents WHERE ${TENANT} AND user_id = ?`).get(
      tenant.platform,
      tenant.tenantId,
      userId,
    );
    return row !== undefined;
  }

  setOptedIn(tenant: Tenant, userId: string, on: boolean, now: Date): boolean {
    const result = on
      ? this.#sql(
          'INSERT OR IGNORE INTO introduction_consents (platform, tenant_id, user_id, opted_in_at) VALUES (?, ?, ?, ?)',
        ).run(tenant.platform, tenant.tenantId, userId, now.toISOString())
      : this.#sql(`DELETE FROM introduction_consents WHERE ${TENANT} AND user_id = ?`).run(
          tenant.platform,
          tenant.tenantId,
          userId,
        );
    return result.changes > 0;
  }

  optedIn(tenant: Tenant, userIds: readonly string[]): readonly string[] {
    if (userIds.length === 0) return [];
    const rows = this.#sql(
      `SELECT user_id FROM introduction_consents WHERE ${TENANT} AND user_id IN (SELECT value FROM json_each(?))
       ORDER BY opted_in_at, user_id`,
    ).all(tenant.platform, tenant.tenantId, JSON.stringify(userIds)) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }

  interestedIn(tenant: Tenant, questionIds: readonly string[]): readonly string[] {
    if (questionIds.length === 0) return [];
    const rows = this.#sql(
      `SELECT user_id FROM interests WHERE ${TENANT} AND question_id IN (SELECT value FROM json_each(?))
       GROUP BY user_id ORDER BY MIN(created_at), user_id`,
    ).all(tenant.platform, tenant.tenantId, JSON.stringify(questionIds)) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }

  channel(tenant: Tenant): string | undefined {
    const row = this.#sql(`SELECT channel_id FROM introduction_channels WHERE ${TENANT}`).get(
      tenant.platform,
      tenant.tenantId,
    ) as { channel_id: string } | undefined;
    return row?.channel_id;
  }

  setChannel(tenant: Tenant, channelId: string, setBy: string, now: Date): void {
    this.#sql(
      `INSERT INTO introduction_channels (platform, tenant_id, channel_id, set_by, set_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, tenant_id) DO UPDATE SET channel_id = excluded.channel_id, set_by = excluded.set_by,
       set_at = excluded.set_at`,
    ).run(tenant.platform, tenant.tenantId, channelId, setBy, now.toISOString());
  }

  introducedWith(tenant: Tenant, topic: string, userId: string): ReadonlySet<string> {
    const rows = this.#sql(
      `SELECT DISTINCT other.user_id FROM introductions i
       JOIN introduction_members me ON me.introduction_id = i.id AND me.user_id = ?
       JOIN introduction_members other ON other.introduction_id = i.id AND other.user_id <> me.user_id
       WHERE i.platform = ? AND i.tenant_id = ? AND i.topic = ?`,
    ).all(userId, tenant.platform, tenant.tenantId, topic) as { user_id: string }[];
    return new Set(rows.map((r) => r.user_id));
  }

  record(introduction: NewIntroduction): number | undefined {
    const members = [...new Set(introduction.members)];
    return this.#db.transaction(() => {
      const inserted = this.#sql(
        `INSERT OR IGNORE INTO introductions (platform, tenant_id, topic, member_key, requested_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        introduction.platform,
        introduction.tenantId,
        introduction.topic,
        memberKey(members),
        introduction.requestedBy,
        introduction.createdAt.toISOString(),
      );
      if (inserted.changes === 0) return undefined;
      const id = Number(inserted.lastInsertRowid);
      const addMember = this.#sql('INSERT INTO introduction_members (introduction_id, user_id) VALUES (?, ?)');
      for (const userId of members) addMember.run(id, userId);
      return id;
    })();
  }

  forget(id: number): void {
    this.#sql('DELETE FROM introductions WHERE id = ?').run(id);
  }
}
