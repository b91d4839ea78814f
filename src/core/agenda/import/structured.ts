/**
 * JSON and YAML input: an agenda file of the project's format (its `paper`
 * questions are taken), or a list of questions `{section, text, number?}` (bare,
 * or under a top-level `questions` key).
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Candidate } from './check.js';
import { challengeOfSection, splitCitation } from './citation.js';
import { readJsonText } from '../json-text.js';
import { ImportInputError } from './input-error.js';
import type { Rejection } from './types.js';

export interface StructuredRead {
  readonly candidates: Candidate[];
  readonly rejections: Rejection[];
}

/** Parses JSON text; syntax errors name line and column. */
export function readJson(text: string): { value: unknown; lines: Map<string, number> } {
  const read = readJsonText(text);
  if (!read.ok) {
    const { line, column, message } = read.problem;
    throw new ImportInputError('syntax', `${line}:${column}: ${message}`);
  }
  return { value: read.value, lines: read.elementLines };
}

/** Parses YAML text; syntax errors name line and column. */
export function readYaml(text: string): { value: unknown; lines: Map<string, number> } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `${pos.line}:${pos.col}: ` : '';
    // yaml repeats the place and quotes the source after the first line; we give the place once, in front.
    const message = (first.message.split('\n')[0] ?? 'YAML syntax error').replace(/ at line \d+, column \d+:?$/, '');
    throw new ImportInputError('syntax', `${where}${message}`);
  }
  const lines = new Map<string, number>();
  collectYamlLines(doc.contents, '', lineCounter, lines);
  return { value: doc.toJS() as unknown, lines };
}

function collectYamlLines(node: Node | null, path: string, counter: LineCounter, out: Map<string, number>): void {
  if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const child = item as Node;
      const at = `${path}[${index}]`;
      if (isMap(child) && child.range) out.set(at, counter.linePos(child.range[0]).line);
      collectYamlLines(child, at, counter, out);
    });
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const raw = (pair.key as { value?: unknown } | null)?.value;
      // A key that is itself a map or list (legal YAML, never an agenda's) names no path: read it as empty.
      const key = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
      collectYamlLines(pair.value as Node | null, path ? `${path}.${key}` : key, counter, out);
    }
  }
}

/** Finds the questions in a parsed document of either shape. */
export function structuredCandidates(value: unknown, lines: Map<string, number>): StructuredRead {
  const read: StructuredRead = { candidates: [], rejections: [] };
  const place = (path: string) => {
    const line = lines.get(path);
    return line !== undefined ? { line, path } : { path };
  };
  if (Array.isArray(value)) {
    listItems(value, '', place, read);
  } else if (isRecord(value) && Array.isArray(value['challenges'])) {
    agendaQuestions(value['challenges'], place, read);
  } else if (isRecord(value) && Array.isArray(value['questions'])) {
    listItems(value['questions'], 'questions', place, read);
  } else {
    throw new ImportInputError(
      'shape',
      'this is neither an agenda file (an object with "challenges") nor a list of questions (an array of {"section", "text"} objects, optionally under "questions")',
    );
  }
  return read;
}

type PlaceOf = (path: string) => Candidate['place'];

function listItems(items: readonly unknown[], base: string, place: PlaceOf, read: StructuredRead): void {
  const counters = new Map<string, number>();
  items.forEach((item, index) => {
    const path = `${base}[${index}]`;
    if (!isRecord(item)) {
      read.rejections.push({
        code: 'bad-item',
        place: place(path),
        message: 'item is not an object; each item needs "section" and "text"',
      });
      return;
    }
    const raw = typeof item['text'] === 'string' ? item['text'] : '';
    const cited = splitCitation(raw.replace(/\s+/g, ' '));
    const section = typeof item['section'] === 'string' ? item['section'].trim().replace(/^§\s*/, '') : undefined;
    const sections = section !== undefined && section.length > 0 ? [section] : cited.sections;
    const challengeId =
      typeof item['challenge'] === 'string'
        ? item['challenge']
        : sections[0] !== undefined
          ? challengeOfSection(sections[0])
          : '';
    const explicit = positiveInteger(item['number'] ?? item['site_number']);
    const number = explicit ?? (counters.get(challengeId) ?? 0) + 1;
    counters.set(challengeId, Math.max(number, counters.get(challengeId) ?? 0));
    read.candidates.push({
      ...(typeof item['challenge'] === 'string' ? { challengeId: item['challenge'] } : {}),
      number,
      text: cited.text,
      sections,
      place: place(path),
    });
  });
}

function agendaQuestions(challenges: readonly unknown[], place: PlaceOf, read: StructuredRead): void {
  challenges.forEach((challenge, ci) => {
    if (!isRecord(challenge) || !Array.isArray(challenge['questions'])) return;
    const challengeId = typeof challenge['id'] === 'string' ? challenge['id'] : undefined;
    challenge['questions'].forEach((q, qi) => {
      if (!isRecord(q) || q['origin'] !== 'paper') return;
      const path = `challenges[${ci}].questions[${qi}]`;
      const fromId = typeof q['id'] === 'string' ? /^(\d+\.\d+)-q(\d+)$/.exec(q['id']) : null;
      const number = positiveInteger(q['site_number']) ?? (fromId?.[2] !== undefined ? Number(fromId[2]) : undefined);
      if (number === undefined) {
        read.rejections.push({
          code: 'bad-item',
          place: place(path),
          message: 'paper question has neither an id of the form <challenge>-q<number> nor a site_number',
        });
        return;
      }
      const section = typeof q['section'] === 'string' ? q['section'] : undefined;
      const id = challengeId ?? fromId?.[1];
      read.candidates.push({
        ...(id !== undefined ? { challengeId: id } : {}),
        number,
        text: typeof q['text'] === 'string' ? q['text'].replace(/\s+/g, ' ').trim() : '',
        sections: section !== undefined ? [section] : [],
        place: place(path),
      });
    });
  });
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
