import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAgendaCli } from '../../src/cli/agenda-cli.js';

import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';

/** The fixture agenda (see `test/fixtures/agenda.ts`): its counts and ids are what these tests quote. */
export const REAL_AGENDA = FIXTURE_AGENDA_PATH;

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
}

/** A fresh directory holding a copy of the fixture agenda, so imports can write to it. */
export function agendaCopy(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'agenda-cli-'));
  const path = join(dir, 'agenda.json');
  copyFileSync(REAL_AGENDA, path);
  return { dir, path };
}

/** Where in-process runs think the bot's agenda is: nowhere, so no test can write the shipped agenda by accident. */
const NO_CONFIGURED_AGENDA = { path: join(tmpdir(), 'agenda-cli-unset', 'agenda.json'), source: 'default' } as const;

/** Runs the real CLI with captured output. `tick` is how far the fake clock moves per reading. */
export async function cli(args: string[], tick = 0): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let t = 0;
  const code = await runAgendaCli(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    now: () => (t += tick),
    date: () => new Date('2026-11-26T16:30:05.123Z'),
    configuredAgenda: NO_CONFIGURED_AGENDA,
  });
  return { code, out, err };
}
