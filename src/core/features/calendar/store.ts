/**
 * The persistence port for reading-group calendars (SQLite: `src/persistence/calendar-repository.ts`).
 * Feed tokens are made and checked there, so the core never holds a token's hash or
 * needs a random source strong enough for secrets.
 */
import type { Platform } from '../../context.js';

/** The group a feed token opens, with the tenant it belongs to (the feed has no asker to scope by). */
export interface FeedOwner {
  readonly groupId: number;
  readonly platform: Platform;
  readonly tenantId: string;
}

export interface CalendarStore {
  /** Each session's revision (iCalendar SEQUENCE) by session number; absent means 0. */
  sequences(groupId: number): Promise<ReadonlyMap<number, number>>;
  /**
   * Makes a new feed token for the group, replacing (and so revoking) any earlier one.
   * Returns the token itself, which is never stored: only its SHA-256 is.
   */
  issueFeedToken(groupId: number, userId: string, at: Date): Promise<string>;
  /** The group a presented token opens, if it is the group's current token. */
  feedOwner(token: string): Promise<FeedOwner | undefined>;
  hasFeed(groupId: number): Promise<boolean>;
}
