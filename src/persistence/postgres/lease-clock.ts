/**
 * Which clock measures leases (delivery claims and the planner's lease). In production it is the database's
 * (`now()`), so machines whose clocks disagree still agree on who holds a lease. Tests that move a manual clock
 * past a lease choose the caller's clock, the `now` the core passes in, as on SQLite.
 */
import { sql, type Sql } from './sql.js';

export type LeaseClockKind = 'database' | 'caller';

export interface LeaseClock {
  /** The instant leases are compared with, as ISO-8601 text. */
  now(callerNow: Date): Sql;
  /** The instant a lease taken now for `leaseMs` runs out. */
  after(callerNow: Date, leaseMs: number): Sql;
}

export function leaseClock(kind: LeaseClockKind): LeaseClock {
  if (kind === 'caller') {
    return {
      now: (callerNow) => sql`${callerNow.toISOString()}`,
      after: (callerNow, leaseMs) => sql`${new Date(callerNow.getTime() + leaseMs).toISOString()}`,
    };
  }
  return {
    now: () => sql`agendabot_now_iso()`,
    after: (_callerNow, leaseMs) => sql`agendabot_iso_after(${Math.round(leaseMs)}::bigint)`,
  };
}
