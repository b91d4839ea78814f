/**
 * Reads an agenda file and turns it into the `Agenda` model, or fails with every
 * problem found. Pure apart from reading the file: no database, no global state.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Agenda } from './model.js';
import type { AgendaProblem } from './schema.js';
import { validateAgendaDocument } from './validate.js';

/** An agenda file that cannot be used, with all its problems (not only the first). */
export class AgendaValidationError extends Error {
  override readonly name = 'AgendaValidationError';
  constructor(
    /** The file name or other label the text came from. */
    readonly sourceName: string,
    readonly problems: readonly AgendaProblem[],
  ) {
    super(
      `${sourceName} is not a valid agenda (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
  }
}

/** `challenges[3].questions[2].section: "3.9.1" is not a subsection of challenge 3.4`. */
export function formatProblem(problem: AgendaProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** Parses and validates agenda JSON text. Throws `AgendaValidationError`. */
export function parseAgenda(jsonText: string, sourceName: string): Agenda {
  let document: unknown;
  try {
    document = JSON.parse(jsonText);
  } catch (error) {
    const where = jsonErrorLocation(jsonText, error);
    const reason = error instanceof Error ? error.message.replace(/\s*(in JSON )?at position \d+.*$/su, '') : 'unreadable';
    throw new AgendaValidationError(sourceName, [
      { path: '', message: `is not valid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${reason}` },
    ]);
  }
  const result = validateAgendaDocument(document);
  if (!result.ok) throw new AgendaValidationError(sourceName, result.problems);
  return result.agenda;
}

/** Reads and validates an agenda file. Throws `AgendaValidationError` (also for an unreadable file). */
export function loadAgenda(path: string): Agenda {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AgendaValidationError(path, [{ path: '', message: `cannot be read (${code})` }]);
  }
  return parseAgenda(text, path);
}

/**
 * A fingerprint of the agenda's content, so derived data (the search index) is
 * rebuilt only when the agenda really changed. The model is built in a fixed order,
 * so equal content gives equal JSON.
 */
export function agendaContentHash(agenda: Agenda): string {
  return createHash('sha256').update(JSON.stringify(agenda)).digest('hex').slice(0, 32);
}

/**
 * Line and column (1-based) of a JSON syntax error. Node 20 reports a character
 * position; newer versions report line and column themselves.
 */
export function jsonErrorLocation(text: string, error: unknown): { line: number; column: number } | undefined {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/u.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/u.exec(message);
  // "Unexpected end of JSON input" names no position: the end of the text is where it broke.
  const offset = position ? Number(position[1]) : /end of JSON/u.test(message) ? text.length : undefined;
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
