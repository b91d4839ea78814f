/**
 * `import <file>`: read questions, merge them into the agenda file, report.
 * The merged document is validated before anything is written, so an import can
 * never leave the bot with an agenda it refuses to load.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  formatSummary,
  isImportInputError,
  mergeQuestions,
  parseImport,
  targetFromAgenda,
} from '../core/agenda/import/index.js';
import { validateAgendaDocument } from '../core/agenda/validate.js';
import { writeFileAtomic } from '../agenda-file/write-atomic.js';
import type { CliIo } from './agenda-cli.js';
import { megabytes, progressReporter } from './progress.js';
import { readAgendaDocument } from './read-agenda-file.js';

export interface ImportOptions {
  readonly input: string;
  readonly agendaPath: string;
  readonly dryRun: boolean;
  readonly listAll: boolean;
}

/** Far above any real question list (the paper's 213 questions are ~60 kB), but bounded. */
const MAX_INPUT_BYTES = 200_000_000;

export function runImport(options: ImportOptions, io: CliIo): number {
  const fail = (message: string): number => {
    io.stderr.write(`agenda import: ${message}\n`);
    return 1;
  };
  try {
    const document = readAgendaDocument(options.agendaPath);
    const current = validateAgendaDocument(document);
    if (!current.ok) {
      return fail(
        `the agenda file ${options.agendaPath} has ${current.problems.length} problem(s); fix them first (npm run agenda -- validate ${options.agendaPath})`,
      );
    }
    const size = inputSize(options.input);
    if (size > MAX_INPUT_BYTES)
      return fail(`${options.input} is ${megabytes(size)}; import reads files up to ${megabytes(MAX_INPUT_BYTES)}`);
    const progress = progressReporter(`reading ${basename(options.input)}`, io.stderr, () => io.now());
    const parsed = parseImport(readFileSync(options.input), options.input, targetFromAgenda(current.agenda), {
      progress: (done, total) => progress.update(done, total),
    });
    progress.finish(size);
    progress.step(`merging ${parsed.questions.length} questions into ${options.agendaPath}`);
    const { document: merged, report } = mergeQuestions(
      document as Record<string, unknown>,
      parsed.questions,
      parsed.rejections,
      basename(options.input),
    );
    progress.step('checking the merged agenda');
    const after = validateAgendaDocument(merged);
    if (!after.ok) {
      const details = after.problems
        .slice(0, 10)
        .map((p) => `  ${p.path}: ${p.message}`)
        .join('\n');
      return fail(`the merged agenda would not be valid, so nothing was written:\n${details}`);
    }
    io.stdout.write(
      `Importing ${options.input} (${parsed.format}) into ${options.agendaPath}${options.dryRun ? ' (dry run)' : ''}\n`,
    );
    for (const line of formatSummary(report, { dryRun: options.dryRun, limit: options.listAll ? Infinity : 50 }))
      io.stdout.write(`${line}\n`);
    if (!options.dryRun) {
      if (report.added.length + report.changed.length === 0) {
        io.stdout.write(`${options.agendaPath} is unchanged.\n`);
      } else {
        const { backupPath } = writeFileAtomic(options.agendaPath, `${JSON.stringify(merged, null, 2)}\n`, io.date());
        io.stdout.write(
          `Wrote ${options.agendaPath}${backupPath ? `; the previous version is kept as ${backupPath}` : ''}.\n`,
        );
      }
    }
    return report.rejected.length > 0 ? 2 : 0;
  } catch (error) {
    if (isImportInputError(error)) return fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return fail(`${(error as Error).message} (${code})`);
    throw error;
  }
}

function inputSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw Object.assign(new Error(`cannot read ${path}${code === 'ENOENT' ? ': no such file' : ''}`), {
      code: code ?? 'EIO',
    });
  }
}
