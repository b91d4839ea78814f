/**
 * vitest globalSetup: one PostgreSQL server per test run, shared by every test file (see
 * `test/helpers/postgres.ts` for the per-file databases). `TEST_DATABASE_URL` names an existing server to use
 * instead (its user must be allowed to create databases). Without either, or with AGENDABOT_TEST_POSTGRES=off, the
 * PostgreSQL cases do not run, unless `AGENDABOT_REQUIRE_POSTGRES=1` (CI), which makes a missing server a failure.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../src/persistence/postgres/migrate.js';
import { postgresBinDir, startTestServer, type TestServer } from '../helpers/postgres-server.js';

/** A migrated database that every test file's database is copied from (CREATE DATABASE … TEMPLATE is fast). */
export const TEMPLATE_DATABASE = 'agendabot_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `postgres` database of the test server, or '' when there is none. */
    postgresAdminUrl: string;
  }
}

let server: TestServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env['TEST_DATABASE_URL'] ?? '';
  // Runs the suite as on a machine without PostgreSQL (to check that it still passes there).
  const off = process.env['AGENDABOT_TEST_POSTGRES'] === 'off';
  const bin = adminUrl === '' && !off ? postgresBinDir() : undefined;
  if (bin !== undefined) {
    server = await startTestServer(bin);
    adminUrl = server.adminUrl;
  }
  if (adminUrl === '' && process.env['AGENDABOT_REQUIRE_POSTGRES'] === '1') {
    throw new Error(
      'AGENDABOT_REQUIRE_POSTGRES=1 but there is no PostgreSQL for the tests (/usr/lib/postgresql/*/bin)',
    );
  }
  if (adminUrl !== '') await prepareTemplate(adminUrl);
  project.provide('postgresAdminUrl', adminUrl);
}

export function teardown(): void {
  server?.stop();
  server = undefined;
}

async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  try {
    await migratePostgres(pool);
  } finally {
    await pool.end();
  }
}
