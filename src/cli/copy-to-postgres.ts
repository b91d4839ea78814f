/**
 * `npm run db:copy-to-postgres`: copies the bot's SQLite database into an empty PostgreSQL database, to move a
 * deployment over (see the README, "Running on PostgreSQL"). The source is DATABASE_PATH and the target
 * DATABASE_URL, from the environment or .env as for `npm start`, unless `--from` / `--to` name others. The
 * target's address may hold a password: it is never printed.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../persistence/db.js';
import { createPool } from '../persistence/postgres/connection.js';
import { copySqliteToPostgres, CopyRefusedError } from '../persistence/postgres/copy-from-sqlite.js';

export interface CopyCliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** DATABASE_PATH and DATABASE_URL as the bot reads them (environment, then .env). */
  readonly settings: { readonly databasePath?: string; readonly databaseUrl?: string };
}

export const COPY_USAGE = `Usage:
  npm run db:copy-to-postgres -- [--from <sqlite-file>] [--to <postgres-url>]
      Copy the bot's records (subscriptions, deliveries, reading groups and their
      calendars, introductions, inline replies, Slack installations, still sealed)
      from a SQLite database into an empty PostgreSQL database. Stop the bot first. Refuses a target that already
      holds records. The search index is not copied: the bot rebuilds it at start.
      --from   the SQLite file (default: DATABASE_PATH, or data/agendabot.db)
      --to     the PostgreSQL database (default: DATABASE_URL; prefer the setting,
               so the password stays out of the shell's history)
`;

const POSTGRES_URL = /^postgres(ql)?:\/\//u;

export async function runCopyToPostgres(argv: readonly string[], io: CopyCliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${COPY_USAGE}`);
    return 1;
  }
  if (values.help === true) {
    io.stdout.write(COPY_USAGE);
    return 0;
  }
  const from = values.from ?? io.settings.databasePath ?? 'data/agendabot.db';
  const to = values.to ?? io.settings.databaseUrl;
  if (to === undefined || !POSTGRES_URL.test(to)) {
    io.stderr.write('No PostgreSQL database to copy into: set DATABASE_URL (postgres://…) or pass --to.\n');
    return 1;
  }
  if (from === ':memory:' || !existsSync(from)) {
    io.stderr.write(`No SQLite database at ${from}: pass --from with the bot's database file.\n`);
    return 1;
  }
  return copy(from, to, io);
}

async function copy(from: string, to: string, io: CopyCliIo): Promise<number> {
  const source = openDatabase(from);
  const pool = createPool(to, { maxConnections: 1 });
  try {
    io.stdout.write(`Copying ${from} into PostgreSQL (${describeTarget(to)})\n`);
    const report = await copySqliteToPostgres(source, pool);
    for (const { table, rows } of report.copied) io.stdout.write(`  ${table}: ${rows}\n`);
    const total = report.copied.reduce((sum, t) => sum + t.rows, 0);
    io.stdout.write(`Copied ${total} rows. Set DATABASE_URL for the bot and start it.\n`);
    return 0;
  } catch (error) {
    if (error instanceof CopyRefusedError) io.stderr.write(`Nothing copied: ${error.message}.\n`);
    else io.stderr.write(`Nothing copied: ${(error as Error).message}\n`);
    return 1;
  } finally {
    source.close();
    await pool.end();
  }
}

/** Host, port and database of the target, without its user or password. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}
