/**
 * What reading-group handlers need beyond the shared services: the store and the
 * reminder lead time (`REMINDER_HOURS`; the default zone is in `Services.settings`).
 * Optional on `Services` so that code built before this feature (and its test helpers)
 * keeps compiling; `readingGroupsOf` says clearly when the composition root forgot it.
 */
import type { Services } from '../../services.js';
import type { ReadingGroupStore } from './store.js';

export interface ReadingGroupsFeature {
  readonly store: ReadingGroupStore;
  /** Hours before a session that its reminder goes out (`REMINDER_HOURS`). */
  readonly reminderHours: number;
}

export function readingGroupsOf(services: Services): ReadingGroupsFeature {
  if (!services.readingGroups) throw new Error('reading groups are not wired into Services (see src/main.ts)');
  return services.readingGroups;
}
