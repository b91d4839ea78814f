/**
 * Moves a deployment from SQLite to PostgreSQL: copies every table that holds the bot's own records (not the
 * search index, which is rebuilt from the agenda at start, nor the planner's lease) from a SQLite file into a
 * PostgreSQL database that holds none, in one transaction. Rows keep their ids, and identity counters continue
 * after the highest copied id. Organisers and RSVPs are inserted in SQLite's rowid order, which PostgreSQL keeps
 * as `seq`. Run it with the bot stopped.
 */
import type pg from 'pg';
import type { Db } from '../db.js';
import { schemaVersion } from '../db.js';
import { inTransaction, type Executor } from './connection.js';
import { migratePostgres } from './migrate.js';
import { raw, sql } from './sql.js';

/** Parents before children, so every foreign key finds its row. */
const TABLES = [
  'subscriptions',
  'subscription_history',
  'interests',
  'deliveries',
  'reading_groups',
  'reading_group_sessions',
  'reading_group_members',
  'reading_group_organisers',
  'reading_group_rsvps',
  'reading_group_notes',
  'reading_group_session_revisions',
  'reading_group_calendar_feeds',
  'introduction_consents',
  'introduction_channels',
  'introductions',
  'introduction_members',
  'inline_replies',
  'slack_installations',
  'tenant_suspensions',
] as const;

/** Tables whose `id` PostgreSQL generates: their counters must continue after the copied ids. */
const IDENTITY_TABLES = ['subscriptions', 'reading_groups', 'reading_group_notes', 'introductions'];

const LEASE_COLUMNS = new Set(['claimed_by', 'lease_until']);
const WITHOUT_ROWID = new Set(['inline_replies', 'slack_installations', 'tenant_suspensions']);

/** Rows per INSERT: one JSON parameter each, small enough to stay far below any message limit. */
const BATCH = 500;

export class CopyRefusedError extends Error {
  override readonly name = 'CopyRefusedError';
}

export interface CopyReport {
  /** Rows copied per table, in copy order. */
  readonly copied: readonly { readonly table: string; readonly rows: number }[];
}

/** Copies `source` into the (migrated, empty) database behind `pool`. Refuses a target that holds any record. */
export async function copySqliteToPostgres(source: Db, pool: pg.Pool): Promise<CopyReport> {
  const { version } = await migratePostgres(pool);
  const sourceVersion = schemaVersion(source);
  if (sourceVersion !== version) {
    throw new CopyRefusedError(
      `the SQLite database is at schema version ${sourceVersion} and PostgreSQL at ${version}: ` +
        'run this version of the bot once on the SQLite file (or upgrade the bot) before copying',
    );
  }
  return inTransaction(pool, async (tx) => {
    // Nothing else may write while we check and copy (a bot started too early would otherwise slip in rows).
    await tx.run(raw(`LOCK TABLE ${TABLES.join(', ')} IN EXCLUSIVE MODE`));
    const occupied = await occupiedTables(tx);
    if (occupied.length > 0) {
      throw new CopyRefusedError(
        `the PostgreSQL database already holds records (in ${occupied.join(', ')}); copy only into an empty one`,
      );
    }
    const copied = [];
    for (const table of TABLES) copied.push({ table, rows: await copyTable(source, tx, table) });
    for (const table of IDENTITY_TABLES) {
      await tx.run(sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE(MAX(id), 0) + 1, false)
                         FROM ${raw(table)}`);
    }
    return { copied };
  });
}

async function occupiedTables(tx: Executor): Promise<string[]> {
  const occupied: string[] = [];
  for (const table of TABLES) {
    if (await tx.row(sql`SELECT 1 FROM ${raw(table)} LIMIT 1`)) occupied.push(table);
  }
  return occupied;
}

/** JSON for SQLite BLOBs (sealed installations): bytea's hex text form. Buffers reach the replacer as JSON. */
function bytesAsHex(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return Buffer.isBuffer(raw) ? `\\x${raw.toString('hex')}` : value;
}

async function copyTable(source: Db, tx: Executor, table: string): Promise<number> {
  const columns = (source.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  // Claims belong to processes of the old deployment; none of them will come back for them.
  const select = columns.map((c) => (table === 'deliveries' && LEASE_COLUMNS.has(c) ? `NULL AS "${c}"` : `"${c}"`));
  // The order rows were added in (rowid), where a table has one: organisers and RSVPs are listed in it.
  const order = WITHOUT_ROWID.has(table) ? '' : ' ORDER BY rowid';
  const rows = source.prepare(`SELECT ${select.join(', ')} FROM ${table}${order}`).all();
  const list = raw(columns.map((c) => `"${c}"`).join(', '));
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = JSON.stringify(rows.slice(start, start + BATCH), bytesAsHex);
    await tx.run(sql`INSERT INTO ${raw(table)} (${list})
                       SELECT ${list} FROM json_populate_recordset(NULL::${raw(table)}, ${batch}::json)`);
  }
  return rows.length;
}
