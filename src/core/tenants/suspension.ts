/**
 * A tenant that removed the app (Slack `app_uninstalled` / `tokens_revoked`) is
 * suspended: its pending posts are cancelled and its subscriptions and reading groups
 * paused, with a reason. A reinstall resumes exactly what was paused that way, from now:
 * missed weeks are not made up, as with a manual resume. Both are idempotent, so the two
 * revoke events may arrive in either order, each more than once.
 */
import type { Platform } from '../context.js';
import { ruleOf } from '../features/weekly-question/planner.js';
import { resumeMoves } from '../features/reading-groups/session-dates.js';
import type { Services } from '../services.js';
import { nextOccurrence } from '../time/weekly.js';

/** Why a removed app's subscriptions, groups and posts stopped. */
export const APP_REMOVED_REASON = 'the app was removed from this workspace';

export interface TenantCounts {
  readonly subscriptions: number;
  readonly readingGroups: number;
}

export async function suspendTenant(
  services: Services,
  platform: Platform,
  tenantId: string,
  reason = APP_REMOVED_REASON,
): Promise<TenantCounts & { readonly cancelledPosts: number }> {
  const now = services.clock.now();
  return services.store.atomically(async (tx) => {
    const { suspensions, subscriptions, readingGroups: groups } = tx;
    let subscriptionCount = 0;
    for (const subscription of await subscriptions.list(platform, tenantId)) {
      if (subscription.paused) continue;
      await subscriptions.setPaused(subscription.id, true, reason, subscription.nextDueAt);
      await suspensions.record(platform, tenantId, { kind: 'subscription', id: subscription.id }, reason, now);
      subscriptionCount += 1;
    }
    let groupCount = 0;
    for (const group of await groups.groupsOf(platform, tenantId)) {
      if (group.status !== 'active') continue;
      await groups.setStatus(group.id, 'paused');
      await suspensions.record(platform, tenantId, { kind: 'reading_group', id: group.id }, reason, now);
      groupCount += 1;
    }
    const cancelledPosts = await suspensions.cancelTenantDeliveries(platform, tenantId, reason, now);
    return { subscriptions: subscriptionCount, readingGroups: groupCount, cancelledPosts };
  });
}

/** Resumes what `suspendTenant` paused (and nothing paused by people), each at its next regular time. */
export async function resumeTenant(services: Services, platform: Platform, tenantId: string): Promise<TenantCounts> {
  const now = services.clock.now();
  return services.store.atomically(async (tx) => {
    const { suspensions, subscriptions, readingGroups: groups } = tx;
    let subscriptionCount = 0;
    let groupCount = 0;
    for (const item of await suspensions.take(platform, tenantId)) {
      if (item.kind === 'subscription') {
        const subscription = await subscriptions.find(platform, tenantId, item.id);
        if (!subscription?.paused) continue;
        await subscriptions.setPaused(subscription.id, false, undefined, nextOccurrence(ruleOf(subscription), now).at);
        subscriptionCount += 1;
      } else {
        const group = await groups.group(platform, tenantId, item.id);
        if (group?.status !== 'paused') continue;
        await groups.moveSessions(group.id, resumeMoves(group.schedule, await groups.sessions(group.id), now));
        await groups.setStatus(group.id, 'active');
        groupCount += 1;
      }
    }
    return { subscriptions: subscriptionCount, readingGroups: groupCount };
  });
}
