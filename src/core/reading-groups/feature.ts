/**
 * What reading-group handlers need beyond the shared services: the store and two
 * settings from the configuration. Optional on `Services` so that code built before
 * this feature (and its test helpers) keeps compiling; `readingGroupsOf` says clearly
 * when the composition root forgot to wire it.
 */
import type { Services } from '../services.js';
import type { ReadingGroupStore } from './store.js';

export interface ReadingGroupsFeature {
  readonly store: ReadingGroupStore;
  /** Hours before a session that its reminder goes out (`REMINDER_HOURS`). */
  readonly reminderHours: number;
  /** The zone used when `create` gets no `tz=` (`DEFAULT_TIMEZONE`). */
  readonly defaultTimeZone: string;
}

export function readingGroupsOf(services: Services): ReadingGroupsFeature {
  if (!services.readingGroups) throw new Error('reading groups are not wired into Services (see src/main.ts)');
  return services.readingGroups;
}
