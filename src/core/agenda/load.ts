/**
 * Reads an agenda file and turns it into the `Agenda` model, or fails with every
 * problem found. Pure apart from reading the file: no database, no global state.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { findJsonSyntaxProblem } from './json-text.js';
import type { Agenda } from './model.js';
import type { AgendaProblem } from './shape.js';
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
    // JSON.parse is the fast path for a good file; only a broken one is walked again to say where and why.
    const problem = findJsonSyntaxProblem(jsonText);
    const message = problem
      ? `is not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`
      : `is not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}`;
    throw new AgendaValidationError(sourceName, [{ path: '', message }]);
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
