/**
 * The agenda CLI as a real process (what `npm run agenda` starts), in a folder of its own
 * with its own `.env`, to show it reads and writes the agenda file the bot is configured
 * with (`AGENDA_PATH`, from the environment or `.env`) unless `--agenda` names another.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, REAL_AGENDA } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(ROOT, 'src/cli/agenda-main.ts');
const TSX_LOADER = join(ROOT, 'node_modules/tsx/dist/loader.mjs');

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs `node --import tsx src/cli/agenda-main.ts …` in `cwd`, with only PATH and `env` set. */
function runCli(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, ENTRY, ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** A working folder holding `bot/agenda.json`, a copy of the shipped agenda (the bot's), and nothing else. */
function workspace(): { cwd: string; botAgenda: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'agenda-cli-config-'));
  mkdirSync(join(cwd, 'bot'));
  const botAgenda = join(cwd, 'bot', 'agenda.json');
  copyFileSync(REAL_AGENDA, botAgenda);
  return { cwd, botAgenda };
}

describe('npm run agenda uses the bot’s configured agenda file (real process)', { timeout: 40_000 }, () => {
  it('import writes the file AGENDA_PATH in the environment names, and says so on its first line', async () => {
    const { cwd, botAgenda } = workspace();
    const before = readFileSync(botAgenda, 'utf8');
    const { code, out, err } = await runCli(cwd, ['import', fixture('clean.md')], { AGENDA_PATH: botAgenda });
    expect({ code, err: err.includes('agenda import:') ? err : '' }).toEqual({ code: 0, err: '' });
    expect(out.split('\n')[0]).toBe(`Agenda file: ${botAgenda} (AGENDA_PATH, as for the bot)`);
    expect(out).toContain('Done: 5 added, 2 changed, 0 unchanged, 0 rejected.');
    expect(readFileSync(botAgenda, 'utf8')).not.toBe(before);
    expect(readFileSync(botAgenda, 'utf8')).toContain('"imported_from": "clean.md"');
    // Nothing was written to the default place (data/agenda.json below the working folder).
    expect(readdirSync(cwd).sort()).toEqual(['bot']);
  });

  it('a dry run reports against the AGENDA_PATH of a .env file, relative to the working folder', async () => {
    const { cwd } = workspace();
    writeFileSync(join(cwd, '.env'), '# the bot\nAGENDA_PATH=bot/agenda.json\n');
    const { code, out } = await runCli(cwd, ['import', fixture('questions.yaml'), '--dry-run']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`Agenda file: ${join(cwd, 'bot', 'agenda.json')} (AGENDA_PATH, as for the bot)`);
    expect(lines[1]).toBe(`Importing ${fixture('questions.yaml')} (yaml) into bot/agenda.json (dry run)`);
  });

  it('validate with no file checks the AGENDA_PATH of .env and names it first', async () => {
    const { cwd, botAgenda } = workspace();
    writeFileSync(join(cwd, '.env'), 'AGENDA_PATH=bot/agenda.json\n');
    const { code, out } = await runCli(cwd, ['validate']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(`Agenda file: ${botAgenda} (AGENDA_PATH, as for the bot)`);
    expect(out.split('\n')[1]).toMatch(/^bot\/agenda\.json is a valid agenda: /u);
  });

  it('the environment wins over .env, and --agenda over both', async () => {
    const { cwd, botAgenda } = workspace();
    writeFileSync(join(cwd, '.env'), 'AGENDA_PATH=elsewhere/agenda.json\n');
    const fromEnv = await runCli(cwd, ['validate'], { AGENDA_PATH: botAgenda });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.out.split('\n')[0]).toBe(`Agenda file: ${botAgenda} (AGENDA_PATH, as for the bot)`);

    const other = join(cwd, 'other.json');
    copyFileSync(REAL_AGENDA, other);
    const args = ['import', fixture('questions.yaml'), '--dry-run', '--agenda', other];
    const chosen = await runCli(cwd, args, { AGENDA_PATH: botAgenda });
    expect(chosen.code).toBe(0);
    expect(chosen.out.split('\n')[0]).toBe(`Agenda file: ${other} (from --agenda)`);
  });

  it('with AGENDA_PATH unset it says it uses the default and how to change that', async () => {
    const { cwd } = workspace();
    const { code, out } = await runCli(cwd, ['validate']);
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toBe(
      `Agenda file: ${join(cwd, 'data', 'agenda.json')} (the default data/agenda.json, as for the bot; ` +
        'set AGENDA_PATH or pass --agenda to change it)',
    );
    expect(out.split('\n')[1]).toBe('cannot read data/agenda.json (no such file)');
  });
});
