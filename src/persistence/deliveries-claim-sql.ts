/**
 * The SQLite deliveries' claim statement, and what makes a row actionable (the repository's `nextDueAt` uses it too).
 */

/** Rows a process may still act on; word for word the WHERE of the partial index `deliveries_claim_order` (009). */
export const ACTIONABLE = `(state = 'pending' OR (state = 'sent' AND thread_state = 'wanted'))`;

/**
 * The claim: the oldest actionable rows that are due and under no live lease. It walks
 * `deliveries_claim_order` in order and stops after `limit` rows, instead of sorting every due
 * row. Without statistics SQLite prefers an OR over the state index and a sort, so the index is
 * named (`INDEXED BY`: a statement that could not use it fails to prepare, rather than silently
 * sorting). The ACTIONABLE term is what makes the partial index usable. Exported for the plan test.
 */
export function claimSql(platformCount: number): string {
  return `UPDATE deliveries SET claimed_by = ?, lease_until = ?
     WHERE key IN (
       SELECT key FROM deliveries INDEXED BY deliveries_claim_order
        WHERE ${ACTIONABLE}
          AND ((state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
               OR (state = 'sent' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)))
          AND (lease_until IS NULL OR lease_until <= ?)
          AND platform IN (${Array.from({ length: platformCount }, () => '?').join(', ')})
        ORDER BY due_at, key LIMIT ?)
     RETURNING *`;
}
