import type { Migration } from './index.js';

/**
 * Several bot processes may share one database file. A process works on a delivery only
 * while it holds the row's claim (`claimed_by` until `lease_until`); a claim left by a
 * process that died expires and is taken over. `scheduler_leases` holds one row per
 * singleton job (the planner, `sweeper`), owned by one process at a time.
 * Times are ISO-8601 UTC text, compared as text (the same shape works on PostgreSQL).
 */
export const deliveryClaims: Migration = {
  version: 4,
  name: 'delivery claims and scheduler leases',
  sql: `
    ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
    ALTER TABLE deliveries ADD COLUMN lease_until TEXT;
    CREATE INDEX deliveries_claimable ON deliveries (state, thread_state, due_at);

    CREATE TABLE scheduler_leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      lease_until TEXT NOT NULL
    );
  `,
};
