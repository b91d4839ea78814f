/**
 * Finds agenda references written `[[3.5]]`, `[[3.5.2]]`, `[[2.1-q1]]` or
 * `[[3.5.2-p1]]` in the plain parts of a message. Code and quotes are skipped: a
 * reference someone quotes or pastes as code is not one they are making.
 */
import type { TextSegment } from '../../channel-message.js';

/** A long message is read only this far: references come early, and the scan stays cheap. */
const MAX_SCANNED = 4_000;
/** More distinct references than this are not even looked up. */
const MAX_REFERENCES = 20;

const REFERENCE = /\[\[\s*§?\s*(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)(?:\s*-?\s*([qp])\s*(\d{1,3}))?\s*\]\]/giu;

/** The referenced ids in the order written, each once, normalised (`2.1 Q1` → `2.1-q1`). */
export function referencedIds(segments: readonly TextSegment[]): string[] {
  const ids: string[] = [];
  let scanned = 0;
  for (const segment of segments) {
    if (scanned >= MAX_SCANNED) break;
    const text = segment.text.slice(0, MAX_SCANNED - scanned);
    scanned += text.length;
    if (segment.kind !== 'plain') continue;
    for (const match of text.matchAll(REFERENCE)) {
      const [, section = '', letter, number] = match;
      const id = letter !== undefined ? `${section}-${letter.toLowerCase()}${Number(number)}` : section;
      if (!ids.includes(id)) ids.push(id);
      if (ids.length >= MAX_REFERENCES) return ids;
    }
  }
  return ids;
}
