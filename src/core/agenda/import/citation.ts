/**
 * The citation that ends each of the paper's questions, e.g. `(Section 2.1.3)`.
 * Also accepted: `(Sections 2.1.3 and 2.1.4)`, `(§2.1.3)`, `(Sec. 2.1.3)`,
 * `[Section 2.1.3]`, with or without a final full stop.
 */

const CITATION =
  /[([]\s*(?:sections?|secs?\.?|§{1,2})\s*(\d+(?:\.\d+)+(?:\s*(?:,|;|and|&|or)\s*\d+(?:\.\d+)+)*)\s*[)\]]\s*[.;]?\s*$/i;

export interface SplitCitation {
  /** The question without its citation. */
  readonly text: string;
  /** Every subsection cited, in order; empty when the text carries no citation. */
  readonly sections: readonly string[];
}

export function splitCitation(raw: string): SplitCitation {
  const match = CITATION.exec(raw);
  if (!match || match[1] === undefined) return { text: raw.trim(), sections: [] };
  const sections = match[1].split(/\s*(?:,|;|and|&|or)\s*/i).filter((s) => s.length > 0);
  return { text: raw.slice(0, match.index).trim(), sections };
}

/** True when a line of text already ends with a citation (so a wrapped item is complete). */
export function endsWithCitation(text: string): boolean {
  return CITATION.test(text);
}

/** The challenge part of a section number: `2.1` for `2.1.3`. */
export function challengeOfSection(section: string): string {
  return section.split('.').slice(0, 2).join('.');
}
