/**
 * Reading-group posts go through the shared exactly-once ledger like every scheduled
 * post. The kickoff card is planned in the same transaction that creates the group and
 * then delivered at once; if that fails, the next sweep retries it (same key).
 */
import type { PlannedDelivery } from '../../jobs/deliveries.js';
import type { Services } from '../../services.js';
import { kickoffCard } from './group-cards.js';
import { groupDestination, kickoffKey } from './keys.js';
import type { ReadingGroup } from './model.js';
import type { ReadingGroupStore } from './store.js';

export async function kickoffPlan(
  services: Services,
  group: ReadingGroup,
  store: ReadingGroupStore = services.readingGroups.store,
): Promise<PlannedDelivery> {
  const [sessions, members] = await Promise.all([store.sessions(group.id), store.members(group.id)]);
  return {
    key: kickoffKey(group.id),
    destination: groupDestination(group),
    reply: kickoffCard(group, sessions, services.agenda(), members.length),
    dueAt: group.createdAt,
  };
}

/** Delivers one planned post now instead of at the next sweep (the outbox deduplicates with a running sweep). */
export async function deliverNow(services: Services, key: string): Promise<void> {
  await services.outbox.deliver(key);
}
