/**
 * PostgreSQL implementation of `IntroductionStore` (consents, the introductions channel, the ledger of
 * introductions and their members), reading the weekly question's `interests` table read-only, as on SQLite.
 */
import {
  memberKey,
  type IntroductionStore,
  type NewIntroduction,
  type Tenant,
} from '../../core/features/introductions/model.js';
import type { Executor } from './connection.js';
import { sql } from './sql.js';

const tenantIs = (tenant: Tenant) => sql`platform = ${tenant.platform} AND tenant_id = ${tenant.tenantId}`;

export class PostgresIntroductions implements IntroductionStore {
  constructor(private readonly db: Executor) {}

  async isOptedIn(tenant: Tenant, userId: string): Promise<boolean> {
    const row = await this.db.row(
      sql`SELECT 1 FROM introduction_consents WHERE ${tenantIs(tenant)} AND user_id = ${userId}`,
    );
    return row !== undefined;
  }

  async setOptedIn(tenant: Tenant, userId: string, on: boolean, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      on
        ? sql`INSERT INTO introduction_consents (platform, tenant_id, user_id, opted_in_at)
                VALUES (${tenant.platform}, ${tenant.tenantId}, ${userId}, ${now.toISOString()}) ON CONFLICT DO NOTHING`
        : sql`DELETE FROM introduction_consents WHERE ${tenantIs(tenant)} AND user_id = ${userId}`,
    );
    return changed > 0;
  }

  async optedIn(tenant: Tenant, userIds: readonly string[]): Promise<readonly string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.rows<{ user_id: string }>(sql`
      SELECT user_id FROM introduction_consents WHERE ${tenantIs(tenant)} AND user_id = ANY(${[...userIds]}::text[])
        ORDER BY opted_in_at, user_id`);
    return rows.map((r) => r.user_id);
  }

  async interestedIn(tenant: Tenant, questionIds: readonly string[]): Promise<readonly string[]> {
    if (questionIds.length === 0) return [];
    const rows = await this.db.rows<{ user_id: string }>(sql`
      SELECT user_id FROM interests WHERE ${tenantIs(tenant)} AND question_id = ANY(${[...questionIds]}::text[])
        GROUP BY user_id ORDER BY MIN(created_at), user_id`);
    return rows.map((r) => r.user_id);
  }

  async channel(tenant: Tenant): Promise<string | undefined> {
    const row = await this.db.row<{ channel_id: string }>(
      sql`SELECT channel_id FROM introduction_channels WHERE ${tenantIs(tenant)}`,
    );
    return row?.channel_id;
  }

  async setChannel(tenant: Tenant, channelId: string, setBy: string, now: Date): Promise<void> {
    await this.db.run(sql`
      INSERT INTO introduction_channels (platform, tenant_id, channel_id, set_by, set_at)
        VALUES (${tenant.platform}, ${tenant.tenantId}, ${channelId}, ${setBy}, ${now.toISOString()})
        ON CONFLICT (platform, tenant_id) DO UPDATE SET channel_id = excluded.channel_id, set_by = excluded.set_by,
          set_at = excluded.set_at`);
  }

  async introducedWith(tenant: Tenant, topic: string, userId: string): Promise<ReadonlySet<string>> {
    const rows = await this.db.rows<{ user_id: string }>(sql`
      SELECT DISTINCT other.user_id FROM introductions i
        JOIN introduction_members me ON me.introduction_id = i.id AND me.user_id = ${userId}
        JOIN introduction_members other ON other.introduction_id = i.id AND other.user_id <> me.user_id
        WHERE i.platform = ${tenant.platform} AND i.tenant_id = ${tenant.tenantId} AND i.topic = ${topic}`);
    return new Set(rows.map((r) => r.user_id));
  }

  async record(introduction: NewIntroduction): Promise<number | undefined> {
    const members = [...new Set(introduction.members)];
    return this.db.transaction(async (tx) => {
      const row = await tx.row<{ id: number }>(sql`
        INSERT INTO introductions (platform, tenant_id, topic, member_key, requested_by, created_at)
          VALUES (${introduction.platform}, ${introduction.tenantId}, ${introduction.topic}, ${memberKey(members)},
            ${introduction.requestedBy}, ${introduction.createdAt.toISOString()})
          ON CONFLICT DO NOTHING RETURNING id`);
      if (!row) return undefined;
      for (const userId of members) {
        await tx.run(sql`INSERT INTO introduction_members (introduction_id, user_id) VALUES (${row.id}, ${userId})`);
      }
      return row.id;
    });
  }

  async forget(id: number): Promise<void> {
    await this.db.run(sql`DELETE FROM introductions WHERE id = ${id}`);
  }
}
