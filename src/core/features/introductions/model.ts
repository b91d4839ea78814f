/**
 * Introductions: consent, the channel Discord introductions go in, and the ledger of
 * introductions made. Everything is scoped by platform and tenant (a Slack workspace or
 * a Discord server): nobody is counted, named or introduced across tenants.
 */
import type { Platform } from '../../context.js';

/** A workspace or server. */
export interface Tenant {
  readonly platform: Platform;
  readonly tenantId: string;
}

export interface NewIntroduction extends Tenant {
  /** A question id (`3.5-q1`) or a challenge id (`3.5`). */
  readonly topic: string;
  /** Everyone introduced, the asker included. */
  readonly members: readonly string[];
  readonly requestedBy: string;
  readonly createdAt: Date;
}

/** Implemented per backend (SQLite: `src/persistence/introductions-repository.ts`). Each call is atomic on its own. */
export interface IntroductionStore {
  isOptedIn(tenant: Tenant, userId: string): Promise<boolean>;
  /** Turns consent on or off; false when it already was so. Off withdraws from every later introduction. */
  setOptedIn(tenant: Tenant, userId: string, on: boolean, now: Date): Promise<boolean>;
  /** Of these people, those who opted in, earliest consent first. */
  optedIn(tenant: Tenant, userIds: readonly string[]): Promise<readonly string[]>;
  /**
   * People of this tenant who marked any of these questions Interested (the weekly
   * question's `interests`), in the order they first did.
   */
  interestedIn(tenant: Tenant, questionIds: readonly string[]): Promise<readonly string[]>;
  /** Where Discord introductions open their private threads, when organisers chose one. */
  channel(tenant: Tenant): Promise<string | undefined>;
  setChannel(tenant: Tenant, channelId: string, setBy: string, now: Date): Promise<void>;
  /** Everyone this person was already introduced to for this topic. */
  introducedWith(tenant: Tenant, topic: string, userId: string): Promise<ReadonlySet<string>>;
  /** Records an introduction before it is made; undefined if these same people already were, for this topic. */
  record(introduction: NewIntroduction): Promise<number | undefined>;
  /** Removes a recorded introduction that could not be made, so it can be tried again. */
  forget(id: number): Promise<void>;
}

/** The ledger's key for a member set: order does not matter. */
export function memberKey(members: readonly string[]): string {
  return [...new Set(members)].sort().join(',');
}
