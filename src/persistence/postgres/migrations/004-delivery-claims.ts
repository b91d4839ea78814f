import type { Migration } from '../../migrations/index.js';

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
    ALTER TABLE deliveries ADD COLUMN claimed_by TEXT COLLATE "C";
    ALTER TABLE deliveries ADD COLUMN lease_until TEXT COLLATE "C";
    CREATE INDEX deliveries_claimable ON deliveries (state, thread_state, due_at);

    CREATE TABLE scheduler_leases (
      name TEXT COLLATE "C" PRIMARY KEY,
      holder TEXT COLLATE "C" NOT NULL,
      lease_until TEXT COLLATE "C" NOT NULL
    );

    -- The database's clock as the same ISO-8601 text: leases measured by it ignore the clocks of the machines.
    CREATE FUNCTION agendabot_now_iso() RETURNS TEXT LANGUAGE SQL STABLE
      AS $$ SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
    CREATE FUNCTION agendabot_iso_after(ms BIGINT) RETURNS TEXT LANGUAGE SQL STABLE
      AS $$ SELECT to_char((now() + make_interval(secs => ms / 1000.0)) AT TIME ZONE 'UTC',
                           'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
  `,
};
