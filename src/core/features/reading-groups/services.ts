/**
 * What reading groups add to the shared services: the store and the reminder lead time
 * (`REMINDER_HOURS`; the default zone is in `Services.settings`).
 */
import type { ReadingGroupStore } from './store.js';

export interface ReadingGroupServices {
  readonly store: ReadingGroupStore;
  /** Hours before a session that its reminder goes out (`REMINDER_HOURS`). */
  readonly reminderHours: number;
}
