/**
 * Reads an import file in any accepted layout and applies the import rules.
 * Pure: bytes in, questions and rejections out.
 */
import { checkCandidates, type Candidate } from './check.js';
import { htmlPieces } from './html-pieces.js';
import { ImportInputError, located } from './input-error.js';
import { candidatesOf } from './outline.js';
import { readJson, readYaml, structuredCandidates } from './structured.js';
import { textPieces } from './text-pieces.js';
import type { ImportTarget, InputFormat, ParseResult, ProgressFn, Rejection } from './types.js';

export interface ParseOptions {
  /** Called now and then while a long input is read. */
  readonly progress?: ProgressFn;
  /** Forces a layout instead of guessing it from the name and content. */
  readonly format?: InputFormat;
}

export function parseImport(
  bytes: Uint8Array,
  fileName: string,
  target: ImportTarget,
  options: ParseOptions = {},
): ParseResult {
  const text = decodeText(bytes, fileName);
  if (text.trim().length === 0) throw new ImportInputError('empty', `${fileName} is empty: there is nothing to import`);
  const format = options.format ?? detectFormat(fileName, text);
  let candidates: Iterable<Candidate>;
  let early: Rejection[] = [];
  if (format === 'json' || format === 'yaml') {
    const { value, lines } = located(fileName, () => (format === 'json' ? readJson(text) : readYaml(text)));
    const read = structuredCandidates(value, lines);
    candidates = read.candidates;
    early = read.rejections;
  } else {
    const pieces = format === 'html' ? htmlPieces(text, options.progress) : textPieces(text, options.progress);
    candidates = candidatesOf(pieces, target);
  }
  const checked = checkCandidates(candidates, target);
  const rejections = [...early, ...checked.rejections].sort((a, b) => (a.place.line ?? 0) - (b.place.line ?? 0));
  if (checked.questions.length === 0 && rejections.length === 0) {
    throw new ImportInputError(
      'nothing-found',
      `${fileName} holds no numbered questions. Expected lines like "3. Does X explain Y? (Section 2.1.3)" under a heading naming the challenge ("## 2.1 …", "Challenge 2.1: …"), an HTML <ol> of such items, or JSON/YAML.`,
    );
  }
  return { format, questions: checked.questions, rejections };
}

/** UTF-8 (or UTF-16 with a byte-order mark) text; anything else is refused as binary. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 8192);
  const nul = head.indexOf(0);
  const binary = `${fileName} looks like a binary file, not text; import reads UTF-8 text: JSON, YAML, Markdown or plain text, or HTML`;
  if (nul !== -1) throw new ImportInputError('binary', `${binary} (a NUL byte at offset ${nul})`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportInputError('binary', `${binary} (it is not valid UTF-8)`);
  }
}

export function detectFormat(fileName: string, text: string): InputFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown' || ext === 'txt') return 'text';
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (/^<(?:!doctype|html|head|body|ol|ul|h[1-6]|div|p)\b/i.test(start)) return 'html';
  if (/^(?:---\s*\n|-\s+[a-z_]+:\s)/i.test(start)) return 'yaml';
  return 'text';
}
