/**
 * `recordThreads` on PostgreSQL as one statement: for each post, the fenced update that records its thread and
 * gives its claim up, then its first message planned (or claimed, if it exists and is free) only where that update
 * took place. The same step as `recordThread`, over arrays, so a batch is one round trip and one commit.
 */
import type { ThreadEntry } from '../../core/jobs/deliveries.js';
import { PLANNED, plannedColumns } from './delivery-params.js';
import type { LeaseClock } from './lease-clock.js';
import { sql, type Sql } from './sql.js';

/** Rows: `marked_key` for each post whose claim held, with its first message's columns when one was claimed. */
export function recordThreadsSql(
  entries: readonly ThreadEntry[],
  holder: string,
  now: Date,
  leaseMs: number,
  clock: LeaseClock,
): Sql {
  const keys = entries.map((e) => e.key);
  const states = entries.map((e) => e.opening.state);
  const threads = entries.map((e) => (e.opening.thread ? JSON.stringify(e.opening.thread) : null));
  const firstKeys = entries.map((e) => e.opening.firstMessage?.key ?? null);
  const firstMessages = entries.flatMap((e) => (e.opening.firstMessage ? [{ delivery: e.opening.firstMessage }] : []));
  return sql`
    WITH opened AS (
      SELECT * FROM unnest(${keys}::text[], ${states}::text[], ${threads}::text[], ${firstKeys}::text[])
        AS o(key, state, thread, first_key)),
    marked AS (
      UPDATE deliveries d SET thread_state = o.state, thread_conversation = o.thread,
          updated_at = ${now.toISOString()}, claimed_by = NULL, lease_until = NULL
        FROM opened o WHERE d.key = o.key AND d.claimed_by = ${holder}
        RETURNING d.key),
    -- The first messages' columns, named as the table's.
    planned AS (SELECT * FROM unnest(${plannedColumns(firstMessages, now)}) AS p(${PLANNED})),
    first AS (
      INSERT INTO deliveries (${PLANNED}, claimed_by, lease_until)
        SELECT p.*, ${holder}, ${clock.after(now, leaseMs)}
          FROM planned p JOIN opened o ON o.first_key = p.key JOIN marked m ON m.key = o.key
        ON CONFLICT (key) DO UPDATE SET claimed_by = excluded.claimed_by, lease_until = excluded.lease_until
          WHERE deliveries.lease_until IS NULL OR deliveries.lease_until <= ${clock.now(now)}
             OR deliveries.claimed_by = excluded.claimed_by
        RETURNING *)
    SELECT m.key AS marked_key, first.*
      FROM marked m JOIN opened o ON o.key = m.key LEFT JOIN first ON first.key = o.first_key`;
}
