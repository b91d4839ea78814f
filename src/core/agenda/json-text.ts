/**
 * JSON text for the agenda loader and the importer, with one way to say where it is
 * broken: `jsonc-parser` (the scanner VS Code uses) walks the text in strict JSON mode
 * and reports the first syntax error's line and column; we turn its error code into a
 * plain sentence. The importer also takes the line of every array element from the
 * same walk, so a rejected question can name its line.
 */
import { createRequire } from 'node:module';
import type * as Jsonc from 'jsonc-parser';
import type { JSONPath, ParseErrorCode } from 'jsonc-parser';

let parser: typeof Jsonc | undefined;

/** Loaded on first use: the agenda loader walks its text only when `JSON.parse` has refused it. */
function jsonc(): typeof Jsonc {
  parser ??= createRequire(import.meta.url)('jsonc-parser') as typeof Jsonc;
  return parser;
}

export interface JsonSyntaxProblem {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units like an editor's column. */
  readonly column: number;
  readonly message: string;
}

export type JsonRead =
  | { readonly ok: true; readonly value: unknown; readonly elementLines: Map<string, number> }
  | { readonly ok: false; readonly problem: JsonSyntaxProblem };

/** Deeper than this is not an agenda or a question list; the walk recurses, so it stops here. */
const MAX_DEPTH = 1000;
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

class TooDeep extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super('too deep');
  }
}

/** Parses JSON text and records the line of every array element (`[3]`, `challenges[2].questions[0]`). */
export function readJsonText(text: string): JsonRead {
  const walk = walkJson(text, true);
  if (walk.problem) return { ok: false, problem: walk.problem };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, elementLines: walk.elementLines };
  } catch (error) {
    // The walk and JSON.parse agree on JSON; should they ever differ, the text is still refused,
    // in JSON.parse's words.
    return { ok: false, problem: { line: 1, column: 1, message: error instanceof Error ? error.message : 'not JSON' } };
  }
}

/** Where and why text that JSON.parse refused is broken; undefined if the walk finds nothing wrong. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  return walkJson(text, false).problem;
}

interface Walk {
  readonly elementLines: Map<string, number>;
  problem?: JsonSyntaxProblem;
}

function walkJson(text: string, recordLines: boolean): Walk {
  const walk: Walk = { elementLines: new Map() };
  /** Per open container: is it an array? Tells an element from a property value, and which comma was expected. */
  const inArray: boolean[] = [];
  let lastProperty = '';
  /** Set once the top-level value is complete: anything after it is extra text, whatever the scanner calls it. */
  let rootDone = false;
  const close = (): void => {
    inArray.pop();
    rootDone = inArray.length === 0;
  };
  const element = (line: number, pathSupplier: () => JSONPath): void => {
    if (!recordLines || inArray[inArray.length - 1] !== true) return;
    walk.elementLines.set(formatPath(pathSupplier()), line + 1);
  };
  const open = (isArray: boolean, line: number, character: number, pathSupplier: () => JSONPath): void => {
    element(line, pathSupplier);
    inArray.push(isArray);
    if (inArray.length > MAX_DEPTH) throw new TooDeep(line + 1, character + 1);
  };
  try {
    jsonc().visit(
      text,
      {
        onObjectBegin: (_offset, _length, line, character, path) => open(false, line, character, path),
        onArrayBegin: (_offset, _length, line, character, path) => open(true, line, character, path),
        onObjectEnd: close,
        onArrayEnd: close,
        onLiteralValue: (_value, _offset, _length, line, _character, path) => {
          element(line, path);
          rootDone = inArray.length === 0;
        },
        onObjectProperty: (property) => void (lastProperty = property),
        onError: (code, offset, length, line, character) => {
          if (walk.problem) return;
          const context = { text, offset, length, inArray: inArray[inArray.length - 1] === true, lastProperty };
          const message = rootDone ? AFTER_THE_END : describeError(code, context);
          walk.problem = { line: line + 1, column: character + 1, message };
        },
      },
      STRICT,
    );
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    walk.problem = { line: error.line, column: error.column, message: `nested more than ${MAX_DEPTH} levels deep` };
  }
  return walk;
}

interface ErrorContext {
  readonly text: string;
  readonly offset: number;
  readonly length: number;
  readonly inArray: boolean;
  readonly lastProperty: string;
}

const THE_END = 'the text ends before the value is complete';
const AFTER_THE_END = 'unexpected text after the end of the JSON value';
const LINE_BREAK_IN_STRING = 'control character inside a string (a line break must be written \\n)';

/** The parser's error code, with the character it stopped at, as a sentence an agenda author can act on. */
function describeError(code: ParseErrorCode, context: ErrorContext): string {
  const { text, offset, inArray } = context;
  const found = text[offset];
  const afterValue = inArray
    ? "expected ',' or ']' after an array element"
    : "expected ',' or '}' after a property value";
  switch (jsonc().printParseErrorCode(code)) {
    case 'PropertyNameExpected':
      if (found === undefined) return THE_END;
      return found === '}' ? 'trailing comma before }' : 'expected a property name in double quotes';
    case 'ValueExpected':
      if (found === undefined) return THE_END;
      return found === ']' && inArray ? 'trailing comma before ]' : unexpected(found);
    case 'ColonExpected':
      return found === undefined ? THE_END : `expected ':' after property name ${JSON.stringify(context.lastProperty)}`;
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      return found === undefined ? THE_END : afterValue;
    case 'EndOfFileExpected':
      return AFTER_THE_END;
    case 'UnexpectedEndOfString':
      // The scanner stops a string at a line break as well as at the end of the text.
      return text[offset + context.length] === undefined ? 'string is never closed (missing ")' : LINE_BREAK_IN_STRING;
    case 'InvalidCharacter':
      return LINE_BREAK_IN_STRING;
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return 'invalid escape in a string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by 4 hex digits)';
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return 'number is not written as JSON writes numbers';
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return 'comments are not allowed in JSON';
    default:
      return found === undefined ? THE_END : unexpected(found);
  }
}

function unexpected(found: string): string {
  return found === "'" ? 'strings must use double quotes' : `unexpected character ${JSON.stringify(found)}`;
}

/** `challenges[2].questions[0]`; a key that is not a plain name is quoted: `["odd key"]`. */
function formatPath(path: JSONPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/u.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
