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
}

const POSTGRES_URL = /^postgres(ql)?:\/\//u;

export function databaseSettings(
  path: string | undefined,
  url: string | undefined,
  problems: string[],
): DatabaseConfig {
  const databasePath = path ?? 'data/agendabot.db';
  if (url === undefined) return { databasePath };
  if (!POSTGRES_URL.test(url)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite).');
    return { databasePath };
  }
  return { databasePath, databaseUrl: url };
}
