/**
 * The persistence port for suspended tenants (a workspace that removed the app): what the
 * bot paused on its behalf, so a reinstall resumes exactly that. SQLite implements it in
 * `src/persistence/tenant-suspensions-repository.ts`.
 */
import type { Platform } from '../context.js';

export type SuspendedKind = 'subscription' | 'reading_group';

export interface SuspendedItem {
  readonly kind: SuspendedKind;
  readonly id: number;
}

export interface TenantSuspensionStore {
  /** Records that the bot paused this item for the tenant (idempotent). */
  record(platform: Platform, tenantId: string, item: SuspendedItem, reason: string, now: Date): Promise<void>;
  /** Removes and returns what the bot paused for the tenant. */
  take(platform: Platform, tenantId: string): Promise<readonly SuspendedItem[]>;
  /**
   * Ends the tenant's pending deliveries as skipped with `reason`, and gives up threads
   * still wanted under its posts: none of them may reach the platform. Returns how many posts.
   */
  cancelTenantDeliveries(platform: Platform, tenantId: string, reason: string, now: Date): Promise<number>;
}
