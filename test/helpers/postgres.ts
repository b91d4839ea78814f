/**
 * PostgreSQL for tests: the server the globalSetup started (or `TEST_DATABASE_URL`), and a fresh database per
 * caller, copied from a migrated template (or empty, for migration tests). Cases that need PostgreSQL run under
 * `describe.runIf(postgresAvailable)`; CI sets AGENDABOT_REQUIRE_POSTGRES=1, so there they always run.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE_DATABASE } from '../setup/postgres-global.js';

const adminUrl = inject('postgresAdminUrl');

/** True when this run has a PostgreSQL server for tests. */
export const postgresAvailable = adminUrl !== '';

/** The URL of a database made for the caller: migrated (a copy of the template) unless `empty`. */
export async function createTestDatabase(options: { readonly empty?: boolean } = {}): Promise<string> {
  if (!postgresAvailable) throw new Error('no PostgreSQL server for tests');
  const name = `agendabot_t${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // FILE_COPY (PostgreSQL 15+): a checkpoint and a file copy, five times faster here than the default, which
    // writes every page of the copy to the WAL. Names are made here from digits and hex, never from input.
    const version = Number((await admin.query<{ v: string }>('SHOW server_version_num')).rows[0]?.v ?? 0);
    const strategy = version >= 150000 ? ' STRATEGY FILE_COPY' : '';
    const template = options.empty === true ? '' : ` TEMPLATE ${TEMPLATE_DATABASE}${strategy}`;
    await admin.query(`CREATE DATABASE ${name}${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
