import { isImportInputError } from '../core/agenda/import/input-error.js';
import { validateAgendaDocument } from '../core/agenda/validate.js';
import type { CliIo } from './agenda-cli.js';
import { readAgendaDocument } from './read-agenda-file.js';

/** `validate <file>`: every problem with its place; exit 1 if there is any. */
export function runValidate(path: string, io: CliIo): number {
  let document: unknown;
  try {
    document = readAgendaDocument(path);
  } catch (error) {
    if (!isImportInputError(error)) throw error;
    io.stdout.write(`${error.message}\n`);
    return 1;
  }
  const result = validateAgendaDocument(document);
  if (!result.ok) {
    for (const problem of result.problems)
      io.stdout.write(`${path}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}\n`);
    const n = result.problems.length;
    io.stdout.write(`${n} problem${n === 1 ? '' : 's'} found in ${path}.\n`);
    return 1;
  }
  const { agenda } = result;
  const questions = agenda.challenges.flatMap((c) => c.questions);
  const paper = questions.filter((q) => q.origin === 'paper').length;
  const subsections = agenda.challenges.reduce((sum, c) => sum + c.subsections.length, 0);
  io.stdout.write(
    `${path} is a valid agenda: ${agenda.categories.length} categories, ${agenda.challenges.length} challenges, ` +
      `${subsections} subsections, ${paper} paper questions, ${questions.length - paper} discussion prompts.\n`,
  );
  return 0;
}
