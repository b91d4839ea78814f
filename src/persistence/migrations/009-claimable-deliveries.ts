import type { Migration } from './index.js';

/**
 * The claim (`DeliveriesRepository.claim`) takes the oldest actionable rows, `ORDER BY due_at,
 * key LIMIT n`. With only `(state, thread_state, due_at)` SQLite sorted every due row in a
 * temporary B-tree on each claim, and a pool claims many times per sweep. This partial index
 * holds only the actionable rows (pending, or sent with the thread still wanted), already in
 * claim order, so a claim reads the first rows it can take and stops; sent and skipped rows,
 * which pile up week after week, are not in it. The claim and `nextDueAt` repeat its WHERE
 * clause word for word (how SQLite knows a partial index applies); PostgreSQL has partial
 * indexes too.
 */
export const claimableDeliveries: Migration = {
  version: 9,
  name: 'claimable deliveries index',
  sql: `
    CREATE INDEX deliveries_claim_order ON deliveries (due_at, key)
      WHERE state = 'pending' OR (state = 'sent' AND thread_state = 'wanted');
  `,
};
