/**
 * Merges imported questions into an agenda document (the file's parsed JSON, so
 * every field we do not model — provenance, notes, confidence — survives). Each
 * question becomes `<challenge>-q<number>`, origin `paper`, citing its subsection.
 * Existing questions not in the import are kept: an import adds and corrects, it
 * never deletes.
 */
import type { ImportedQuestion, Rejection } from './types.js';

export interface MergedQuestion {
  readonly id: string;
  readonly section: string;
  readonly text: string;
  readonly place: ImportedQuestion['place'];
  /** For a changed question: what the agenda said before. */
  readonly before?: { readonly section: string; readonly text: string };
}

export interface MergeReport {
  readonly added: readonly MergedQuestion[];
  readonly changed: readonly MergedQuestion[];
  /** Ids already in the agenda with the same text and citation. */
  readonly unchanged: readonly string[];
  readonly rejected: readonly Rejection[];
}

type Json = Record<string, unknown>;

/**
 * Returns a new document (the input is not modified) and what changed.
 * `origin` names the import file, recorded on each added or changed question.
 */
export function mergeQuestions(
  document: Json,
  questions: readonly ImportedQuestion[],
  rejected: readonly Rejection[],
  origin: string,
): { document: Json; report: MergeReport } {
  const merged = structuredClone(document);
  const challenges = Array.isArray(merged['challenges']) ? (merged['challenges'] as unknown[]) : [];
  const byId = byStringId(challenges);
  const report: Tally = { added: [], changed: [], unchanged: [], touched: new Set() };
  // Per-challenge id index, so a large import stays linear rather than searching lists.
  const indexes = new Map<Json, Map<string, Json>>();
  for (const q of questions) {
    const challenge = byId.get(q.challengeId);
    // The parsers only pass questions whose subsection the agenda has, so this is a bug guard.
    if (!challenge) throw new Error(`challenge ${q.challengeId} vanished during the merge`);
    const list = Array.isArray(challenge['questions']) ? (challenge['questions'] as unknown[]) : [];
    challenge['questions'] = list;
    let index = indexes.get(challenge);
    if (!index) indexes.set(challenge, (index = byStringId(list)));
    mergeOne(q, { challenge, list, index }, origin, report);
  }
  const { added, changed, unchanged, touched } = report;
  for (const challenge of touched) challenge['questions'] = paperFirst(challenge['questions'] as unknown[]);
  if (added.length + changed.length > 0) refreshCounts(merged, challenges, origin);
  return { document: merged, report: { added, changed, unchanged, rejected } };
}

/** What the merge did so far; `touched` holds the challenges whose lists gained a question. */
interface Tally {
  readonly added: MergedQuestion[];
  readonly changed: MergedQuestion[];
  readonly unchanged: string[];
  readonly touched: Set<Json>;
}

/** Where a question goes: its challenge, that challenge's question list, and the list indexed by id. */
interface Destination {
  readonly challenge: Json;
  readonly list: unknown[];
  readonly index: Map<string, Json>;
}

/** Adds the question, corrects the one with its id, or notes it as unchanged. */
function mergeOne(q: ImportedQuestion, { challenge, list, index }: Destination, origin: string, tally: Tally): void {
  const id = `${q.challengeId}-q${q.number}`;
  const existing = index.get(id);
  if (!existing) {
    const item = {
      id,
      site_number: q.number,
      section: q.section,
      origin: 'paper',
      text: q.text,
      keywords: [],
      imported_from: origin,
    };
    list.push(item);
    index.set(id, item);
    tally.added.push({ id, section: q.section, text: q.text, place: q.place });
    tally.touched.add(challenge);
  } else if (existing['text'] !== q.text || existing['section'] !== q.section) {
    const before = { section: textOf(existing['section']), text: textOf(existing['text']) };
    Object.assign(existing, {
      site_number: q.number,
      section: q.section,
      origin: 'paper',
      text: q.text,
      imported_from: origin,
    });
    tally.changed.push({ id, section: q.section, text: q.text, place: q.place, before });
  } else {
    tally.unchanged.push(id);
  }
}

/** The objects in `list` that have a string `id`, by that id (a later duplicate wins, as before). */
function byStringId(list: readonly unknown[]): Map<string, Json> {
  const map = new Map<string, Json>();
  for (const item of list) if (isJson(item) && typeof item['id'] === 'string') map.set(item['id'], item);
  return map;
}

/**
 * The shipped agenda records how many paper questions it holds (`facts`, and per
 * challenge `questions_found` / `questions_status`). Left alone they would go stale
 * and misstate the provenance, so counts that exist are brought up to date; no new
 * fields are invented.
 */
function refreshCounts(document: Json, challenges: readonly unknown[], origin: string): void {
  let total = 0;
  for (const challenge of challenges) {
    if (!isJson(challenge) || !Array.isArray(challenge['questions'])) continue;
    const paper = challenge['questions'].filter((q) => isJson(q) && q['origin'] === 'paper');
    total += paper.length;
    if (typeof challenge['questions_found'] === 'number' && challenge['questions_found'] !== paper.length) {
      challenge['questions_found'] = paper.length;
      if (typeof challenge['questions_status'] === 'string') {
        challenge['questions_status'] = `${paper.length} paper questions, some imported from ${origin}`;
      }
    }
  }
  const facts = document['facts'];
  if (isJson(facts) && typeof facts['questions_in_dataset'] === 'number') {
    facts['questions_in_dataset'] = total;
    if (typeof facts['questions_in_dataset_primary'] === 'number') facts['questions_in_dataset_primary'] = total;
  }
}

/** Paper questions first, in their number order; everything else after, as it was. */
function paperFirst(list: readonly unknown[]): unknown[] {
  const numberOf = (item: unknown): number | undefined => {
    if (!isJson(item) || item['origin'] !== 'paper' || typeof item['id'] !== 'string') return undefined;
    const match = /-q(\d+)$/.exec(item['id']);
    return match?.[1] !== undefined ? Number(match[1]) : undefined;
  };
  const paper = list.filter((item) => numberOf(item) !== undefined);
  const rest = list.filter((item) => numberOf(item) === undefined);
  paper.sort((a, b) => (numberOf(a) ?? 0) - (numberOf(b) ?? 0));
  return [...paper, ...rest];
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored field as text: the schema makes it a string, anything else reads as empty rather than "[object Object]". */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
