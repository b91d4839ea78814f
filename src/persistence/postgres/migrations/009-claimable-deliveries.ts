import type { Migration } from '../../migrations/index.js';

/**
 * The claim-order index on actionable deliveries, as on SQLite (its migration 009): only pending rows and sent
 * rows still wanting their thread, in claim order, so a claim reads the first rows it can take and stops.
 */
export const claimableDeliveries: Migration = {
  version: 9,
  name: 'claimable deliveries index',
  sql: `
    CREATE INDEX deliveries_claim_order ON deliveries (due_at, key)
      WHERE state = 'pending' OR (state = 'sent' AND thread_state = 'wanted');
  `,
};
