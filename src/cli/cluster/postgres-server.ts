/**
 * A throwaway PostgreSQL server from the machine's own packages, for `npm run cluster` and the tests: `initdb`
 * in a temporary folder, `pg_ctl start` on 127.0.0.1 (a free port) with its socket in that folder, stopped and
 * the folder deleted at the end. `initdb` refuses to run as root, so as root every server command runs as the
 * `postgres` user. Durability is switched off (fsync, synchronous_commit, full_page_writes): the data dies with
 * the run anyway.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** The user clients connect as (a superuser made by initdb; trust authentication, on 127.0.0.1 only). */
export const THROWAWAY_SUPERUSER = 'agendabot';

/** Room for 10 processes with the default pool of 20 connections each. */
export const THROWAWAY_MAX_CONNECTIONS = 200;

export interface ThrowawayServer {
  /** Connects to the `postgres` maintenance database as the superuser. */
  readonly adminUrl: string;
  /** The temporary folder holding the data, the socket and `server.log`; deleted by `stop`. */
  readonly folder: string;
  /** Stops the server (`fast`: clients are disconnected cleanly; `immediate`: no shutdown checkpoint). */
  stop(mode?: 'fast' | 'immediate'): void;
}

/** The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin), if any. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/u.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : join(root, majors[0], 'bin');
}

export async function startThrowawayPostgres(bin: string): Promise<ThrowawayServer> {
  const folder = mkdtempSync(join(tmpdir(), 'agendabot-pg-'));
  const data = join(folder, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder, uid, gid);
  }
  const run = (command: string, args: readonly string[]): void => {
    const [file, fullArgs] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), [...args]];
    execFileSync(file, fullArgs, { stdio: ['ignore', 'ignore', 'pipe'], cwd: folder });
  };
  try {
    run('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      THROWAWAY_SUPERUSER,
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    const port = await freePort();
    const settings = [
      `-c listen_addresses=127.0.0.1`,
      `-p ${port}`,
      `-k ${folder}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      `-c max_connections=${THROWAWAY_MAX_CONNECTIONS}`,
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-o', settings, '-w', 'start']);
    return {
      adminUrl: `postgres://${THROWAWAY_SUPERUSER}@127.0.0.1:${port}/postgres`,
      folder,
      stop(mode = 'immediate') {
        try {
          run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
