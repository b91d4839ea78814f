/** Agenda import: read research questions from a file and merge them into an agenda. */
export { parseImport, decodeText, detectFormat, type ParseOptions } from './parse.js';
export { ImportInputError, isImportInputError, located } from './input-error.js';
export { readJson, readYaml } from './structured.js';
export { targetFromAgenda } from './target.js';
export { describePlace } from './types.js';
export type {
  ImportedQuestion,
  ImportTarget,
  InputFormat,
  ParseResult,
  Place,
  ProgressFn,
  Rejection,
  RejectionCode,
} from './types.js';
export { mergeQuestions, type MergeReport, type MergedQuestion } from './merge.js';
export { formatSummary, type SummaryOptions } from './summary.js';
