/** SQLite implementation of `TenantSuspensionStore` (table `tenant_suspensions`, migration 8), synchronous. */
import type { Platform } from '../core/context.js';
import type { SuspendedItem, SuspendedKind, TenantSuspensionStore } from '../core/tenants/store.js';
import type { Db } from './db.js';
import type { Synchronous } from './sqlite-gate.js';
import { statementCache } from './statement-cache.js';

export class TenantSuspensionsRepository implements Synchronous<TenantSuspensionStore> {
  readonly #prepare: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.#prepare = statementCache(db);
  }

  record(platform: Platform, tenantId: string, item: SuspendedItem, reason: string, now: Date): void {
    this.#prepare(
      `INSERT INTO tenant_suspensions (platform, tenant_id, kind, item_id, reason, suspended_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ).run(platform, tenantId, item.kind, item.id, reason, now.toISOString());
  }

  take(platform: Platform, tenantId: string): readonly SuspendedItem[] {
    return this.db.transaction(() => {
      const rows = this.#prepare(
        'SELECT kind, item_id FROM tenant_suspensions WHERE platform = ? AND tenant_id = ? ORDER BY kind, item_id',
      ).all(platform, tenantId) as { kind: SuspendedKind; item_id: number }[];
      this.#prepare('DELETE FROM tenant_suspensions WHERE platform = ? AND tenant_id = ?').run(platform, tenantId);
      return rows.map((row) => ({ kind: row.kind, id: row.item_id }));
    })();
  }

  cancelTenantDeliveries(platform: Platform, tenantId: string, reason: string, now: Date): number {
    return this.db.transaction(() => {
      const at = now.toISOString();
      const cancelled = this.#prepare(
        `UPDATE deliveries SET state = 'skipped', reason = ?, next_attempt_at = NULL, updated_at = ?
           WHERE state = 'pending' AND platform = ? AND tenant_id = ?`,
      ).run(reason, at, platform, tenantId).changes;
      this.#prepare(
        `UPDATE deliveries SET thread_state = 'unavailable', updated_at = ?
           WHERE state = 'sent' AND thread_state = 'wanted' AND platform = ? AND tenant_id = ?`,
      ).run(at, platform, tenantId);
      return cancelled;
    })();
  }
}
