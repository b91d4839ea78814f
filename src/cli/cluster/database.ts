/**
 * The cluster's database: the PostgreSQL server at `DATABASE_URL` when it is set (left as it is at the end),
 * otherwise a throwaway server with an `agendabot` database, stopped and deleted at the end.
 */
import pg from 'pg';
import { postgresBinDir, startThrowawayPostgres, type ThrowawayServer } from './postgres-server.js';

export interface ClusterDatabase {
  /** What every process gets as `DATABASE_URL`. */
  readonly url: string;
  /** The URL as it may be printed: without its password. */
  readonly shown: string;
  /** The throwaway server's folder (deleted by `stop`), if the cluster made one. */
  readonly folder?: string;
  stop(): void;
}

export const THROWAWAY_DATABASE = 'agendabot';

export class NoPostgresError extends Error {
  override readonly name = 'NoPostgresError';
  constructor() {
    super(
      'PostgreSQL is not installed here (no /usr/lib/postgresql/*/bin): install the postgresql package, or set ' +
        'DATABASE_URL to a server the processes can share.',
    );
  }
}

export async function clusterDatabase(databaseUrl: string | undefined): Promise<ClusterDatabase> {
  if (databaseUrl !== undefined) return { url: databaseUrl, shown: withoutPassword(databaseUrl), stop() {} };
  const bin = postgresBinDir();
  if (bin === undefined) throw new NoPostgresError();
  const server = await startThrowawayPostgres(bin);
  try {
    const url = await createDatabase(server);
    return { url, shown: url, folder: server.folder, stop: () => server.stop('fast') };
  } catch (error) {
    server.stop('immediate');
    throw error;
  }
}

async function createDatabase(server: ThrowawayServer): Promise<string> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${THROWAWAY_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.adminUrl);
  url.pathname = `/${THROWAWAY_DATABASE}`;
  return url.toString();
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`; a URL that does not parse is not shown. */
export function withoutPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}
