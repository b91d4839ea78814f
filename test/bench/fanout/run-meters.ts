/**
 * What the fan-out bench reads about a run besides the posts: CPU time from /proc (which a loaded shared machine does
 * not distort) and the commits PostgreSQL counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { TestServer } from '../../helpers/postgres-server.js';
import type { Bot } from '../../process/bot-processes.js';

/** The database's committed transactions so far, as its server counts them (backends report them as they end). */
export async function commitsOf(server: TestServer, database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ commits: string }>(
      'SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = $1',
      [database],
    );
    return Number(rows[0]?.commits ?? 0);
  } finally {
    await admin.end();
  }
}

/** Fields of /proc/<pid>/stat after the command name, from field 3 (state) on; undefined once the process is gone. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User and system CPU seconds of a process (with `children`, also its ended children's); /proc counts 1/100 s. */
function cpuSeconds(fields: readonly string[] | undefined, children = false): number {
  if (!fields) return 0;
  const ticks = (field: number) => Number(fields[field - 3]);
  return (ticks(14) + ticks(15) + (children ? ticks(16) + ticks(17) : 0)) / 100;
}

/**
 * CPU time, which a loaded shared machine does not distort: the bots' (SQLite works inside them) and the server's
 * (postmaster, live and ended backends). A killed process keeps its last reading.
 */
export function cpuMeter(bots: readonly Bot[], postmaster: number | undefined) {
  const lastOf = new Map<number, number>();
  const bot = (pid = -1) => {
    const fields = statFields(pid);
    if (fields) lastOf.set(pid, cpuSeconds(fields));
    return lastOf.get(pid) ?? 0;
  };
  const server = () => {
    if (postmaster === undefined) return undefined;
    const children = readdirSync('/proc').filter(
      (entry) => /^\d+$/u.test(entry) && statFields(entry)?.[1] === String(postmaster),
    );
    return (
      cpuSeconds(statFields(postmaster), true) + children.reduce((sum, pid) => sum + cpuSeconds(statFields(pid)), 0)
    );
  };
  return () => ({ bots: bots.reduce((sum, b) => sum + bot(b.child.pid), 0), server: server() });
}

/** The server's postmaster: the parent of this connection's backend (read while it lives: it ends with it). */
export async function postmasterPid(server: TestServer): Promise<number> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const { pid } = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0] ?? { pid: 0 };
  const parent = Number(statFields(pid)?.[1]);
  await admin.end();
  return parent;
}
