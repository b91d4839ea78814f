/**
 * PostgreSQL implementation of `TenantSuspensionStore` (table `tenant_suspensions`, migration 8): what the bot
 * paused for a tenant that removed the app, so a reinstall resumes exactly that.
 */
import type { Platform } from '../../core/context.js';
import type { SuspendedItem, SuspendedKind, TenantSuspensionStore } from '../../core/tenants/store.js';
import type { Executor } from './connection.js';
import { sql } from './sql.js';

export class PostgresTenantSuspensions implements TenantSuspensionStore {
  constructor(private readonly db: Executor) {}

  async record(platform: Platform, tenantId: string, item: SuspendedItem, reason: string, now: Date): Promise<void> {
    await this.db.run(sql`
      INSERT INTO tenant_suspensions (platform, tenant_id, kind, item_id, reason, suspended_at)
        VALUES (${platform}, ${tenantId}, ${item.kind}, ${item.id}, ${reason}, ${now.toISOString()})
        ON CONFLICT DO NOTHING`);
  }

  async take(platform: Platform, tenantId: string): Promise<readonly SuspendedItem[]> {
    // One statement: two processes handling the same reinstall get the items once between them.
    const rows = await this.db.rows<{ kind: SuspendedKind; item_id: number }>(sql`
      DELETE FROM tenant_suspensions WHERE platform = ${platform} AND tenant_id = ${tenantId}
        RETURNING kind, item_id`);
    return rows
      .map((row) => ({ kind: row.kind, id: row.item_id }))
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id - b.id));
  }

  async cancelTenantDeliveries(platform: Platform, tenantId: string, reason: string, now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const at = now.toISOString();
      const cancelled = await tx.run(sql`
        UPDATE deliveries SET state = 'skipped', reason = ${reason}, next_attempt_at = NULL, updated_at = ${at}
          WHERE state = 'pending' AND platform = ${platform} AND tenant_id = ${tenantId}`);
      await tx.run(sql`
        UPDATE deliveries SET thread_state = 'unavailable', updated_at = ${at}
          WHERE state = 'sent' AND thread_state = 'wanted' AND platform = ${platform} AND tenant_id = ${tenantId}`);
      return cancelled;
    });
  }
}
