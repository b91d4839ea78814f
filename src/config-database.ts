/**
 * Where the bot keeps its data: the SQLite file at `DATABASE_PATH` (the default), or the
 * PostgreSQL server at `DATABASE_URL`. Only PostgreSQL is reached by URL. The URL may hold a
 * password, so a problem names the setting and never its value.
 */
export interface DatabaseConfig {
  /** The SQLite file (`DATABASE_PATH`, default `data/agendabot.db`); unused when `databaseUrl` is set. */
  readonly databasePath: string;
  /** A PostgreSQL server to use instead (`DATABASE_URL`, `postgres://…` or `postgresql://…`). Never logged. */
  readonly databaseUrl?: string;
  /**
   * With `databaseUrl` only: the connections this process may hold (`DATABASE_POOL_SIZE`, default 20). Processes
   * × this must stay under the server's `max_connections` (100 by default, a few of them reserved).
   */
  readonly databasePoolSize?: number;
}

/** What `databaseSettings` reads: text and numbers in a range, and a list of problems. */
export interface DatabaseSettingsReader {
  text(key: string): string | undefined;
  number(key: string, fallback: number, min: number, max: number): number;
  readonly problems: string[];
}

const POSTGRES_URL = /^postgres(ql)?:\/\//u;

export function databaseSettings(read: DatabaseSettingsReader): DatabaseConfig {
  const databasePath = read.text('DATABASE_PATH') ?? 'data/agendabot.db';
  const databasePoolSize = read.number('DATABASE_POOL_SIZE', 20, 1, 1000);
  const url = read.text('DATABASE_URL');
  if (url === undefined) return { databasePath };
  if (!POSTGRES_URL.test(url)) {
    read.problems.push('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite).');
    return { databasePath };
  }
  return { databasePath, databaseUrl: url, databasePoolSize };
}
