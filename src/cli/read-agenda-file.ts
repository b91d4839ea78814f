/**
 * Reads an agenda document from disk for the CLI: text (refusing binary), then
 * JSON or YAML by extension, with syntax errors as line:column.
 */
import { readFileSync } from 'node:fs';
import { decodeText, ImportInputError, located, readJson, readYaml } from '../core/agenda/import/index.js';

export function readAgendaDocument(path: string): unknown {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ImportInputError('unreadable', `cannot read ${path} (${code === 'ENOENT' ? 'no such file' : code})`);
  }
  const text = decodeText(bytes, path);
  if (text.trim().length === 0) throw new ImportInputError('empty', `${path} is empty`);
  const yaml = /\.ya?ml$/i.test(path);
  return located(path, () => (yaml ? readYaml(text) : readJson(text)).value);
}
