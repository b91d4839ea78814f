/**
 * How deliveries become statement parameters on PostgreSQL: one row's values, or a batch as one array per column
 * (`unnest` makes them rows again), and the order claims are returned in.
 */
import type { DeliveryRecord, DeliveryState, PlanEntry, PlannedDelivery } from '../../core/jobs/deliveries.js';
import { PLANNED_COLUMNS, plannedParams } from '../deliveries-rows.js';
import { joinSql, raw, sql, type Sql } from './sql.js';

export const PLANNED = raw(PLANNED_COLUMNS.join(', '));

export function plannedValues(delivery: PlannedDelivery, state: DeliveryState, reason: string | null, now: Date): Sql {
  return joinSql(
    plannedParams(delivery, state, reason, now).map((value) => sql`${value}`),
    ', ',
  );
}

/**
 * Planned deliveries as one text array per column (`unnest` makes them rows), so any number of them is one
 * statement with one fixed text, prepared once.
 */
export function plannedColumns(entries: readonly PlanEntry[], now: Date): Sql {
  const rows = entries.map(({ delivery, skippedReason }) =>
    plannedParams(delivery, skippedReason === undefined ? 'pending' : 'skipped', skippedReason ?? null, now),
  );
  return joinSql(
    PLANNED_COLUMNS.map((_, column) => sql`${rows.map((row) => row[column] ?? null)}::text[]`),
    ', ',
  );
}

export function byDueThenKey(a: DeliveryRecord, b: DeliveryRecord): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
