import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseImport, type ParseResult } from '../../../../src/core/agenda/import/index.js';
import { miniTarget } from '../../../fixtures/mini-agenda.js';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/import/${name}`, import.meta.url));
}

/** Parses a fixture against the mini agenda. */
export function parseFixture(name: string): ParseResult {
  return parseImport(readFileSync(fixturePath(name)), name, miniTarget);
}

/** `2.1-q3 §2.1.3 @7` per question, to compare whole results at a glance. */
export function brief(result: ParseResult): string[] {
  return result.questions.map((q) => `${q.challengeId}-q${q.number} §${q.section} @${q.place.line ?? q.place.path}`);
}

export function rejections(result: ParseResult): string[] {
  return result.rejections.map((r) => `${r.code} @${r.place.line ?? r.place.path}`);
}
