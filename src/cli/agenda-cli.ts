/**
 * `npm run agenda -- <command>`: check an agenda file, or import research
 * questions into one. Everything the commands touch outside the file system comes
 * in through `CliIo`, so tests run the real commands and read what they print.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_AGENDA_PATH, type AgendaPathSetting } from '../config.js';
import { runImport } from './import-command.js';
import { runValidate } from './validate-command.js';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Milliseconds, for progress timing. */
  now(): number;
  /** The wall-clock time, for backup file names. */
  date(): Date;
  /** The bot's agenda file (`AGENDA_PATH`, from `src/config.ts`): used unless `--agenda` names another. */
  readonly configuredAgenda: AgendaPathSetting;
}

export const USAGE = `Usage:
  npm run agenda -- validate [<agenda-file>]
      Check an agenda file (JSON or YAML; default: the bot's, see below). Prints
      every problem with its place (a JSON path, or line:column for a syntax
      error). Exit code 1 if any.

  npm run agenda -- import <questions-file> [--dry-run] [--agenda <agenda-file>] [--all]
      Read research questions and merge them into the agenda as the paper's
      questions (origin "paper"), with ids <challenge>-q<number>.
      <questions-file>: a JSON/YAML agenda file or list of {"section", "text"};
      a text or Markdown list ("3. Question? (Section 2.1.3)" under a heading such
      as "## 2.1 …" or "Challenge 2.1: …"); or the same list saved as HTML.
      --dry-run   print what would be added, changed and rejected; write nothing
      --agenda    the agenda file to update (default: the bot's, see below)
      --all       list every question in the summary (default: the first 50 per group)
      The agenda file is replaced atomically; the previous one is kept beside it
      as <agenda-file>.<timestamp>.bak. Exit code 0 on success, 2 if some items
      were rejected (the rest were imported), 1 if nothing could be imported.

The bot's agenda file is AGENDA_PATH from the environment or .env, as for
npm start (${DEFAULT_AGENDA_PATH} when unset). The first line printed names the
agenda file a command reads and writes.
Paths are relative to the project folder when run through npm.
`;

export async function runAgendaCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        agenda: { type: 'string' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError(io, argumentProblem(error));
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (values.help || command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === undefined) return usageError(io, 'no command given: use validate or import');
  if (command === 'validate') {
    if (rest.length > 1) {
      return usageError(io, 'validate takes at most one file: npm run agenda -- validate [<agenda-file>]');
    }
    if (values['dry-run'] || values.agenda !== undefined || values.all)
      return usageError(io, 'validate takes no options');
    if (rest[0] !== undefined) return runValidate(rest[0], io);
    announceAgendaFile(io, io.configuredAgenda.path, sourceOf(io.configuredAgenda));
    return runValidate(io.configuredAgenda.path, io);
  }
  if (command === 'import') {
    if (rest.length !== 1 || rest[0] === undefined)
      return usageError(io, 'import takes exactly one file: npm run agenda -- import <questions-file> [--dry-run]');
    const agendaPath = values.agenda ?? io.configuredAgenda.path;
    announceAgendaFile(io, agendaPath, values.agenda !== undefined ? 'from --agenda' : sourceOf(io.configuredAgenda));
    return runImport({ input: rest[0], agendaPath, dryRun: values['dry-run'], listAll: values.all }, io);
  }
  return usageError(io, `"${command}" is not a command: use validate or import`);
}

/**
 * The first line of output: which agenda file this run reads (and writes), in full, so an
 * operator sees at once whether it is the one the bot runs on.
 */
function announceAgendaFile(io: CliIo, path: string, source: string): void {
  io.stdout.write(`Agenda file: ${resolve(path)} (${source})\n`);
}

function sourceOf(setting: AgendaPathSetting): string {
  return setting.source === 'AGENDA_PATH'
    ? 'AGENDA_PATH, as for the bot'
    : `the default ${DEFAULT_AGENDA_PATH}, as for the bot; set AGENDA_PATH or pass --agenda to change it`;
}

function usageError(io: CliIo, problem: string): number {
  io.stderr.write(`agenda: ${problem}\n\n${USAGE}`);
  return 1;
}

/** Node's parseArgs messages carry advice about "--" that does not fit here; keep the fact. */
function argumentProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}: accepted options are --dry-run, --agenda <file>, --all, --help`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `option ${missing[1]} needs a value, e.g. --agenda data/agenda.json`;
  return message.split('\n')[0] ?? message;
}
