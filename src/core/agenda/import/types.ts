/**
 * Shapes shared by the import parsers (text, Markdown, HTML, JSON/YAML) and the
 * merge step. The parsers are pure: they take the file's text and a view of the
 * target agenda, and return questions and rejections. Nothing here touches disk.
 */

/** Where an item came from in the input, for messages a person can act on. */
export interface Place {
  /** 1-based line in the input file, when the format has lines we can count. */
  readonly line?: number;
  /** JSON path for structured input, e.g. `[3]` or `challenges[2].questions[0]`. */
  readonly path?: string;
}

/** One research question read from the input, before it is merged. */
export interface ImportedQuestion {
  readonly challengeId: string;
  /** Its number in its challenge's list (the paper numbers questions per challenge). */
  readonly number: number;
  readonly text: string;
  /** The subsection it cites, e.g. `2.1.3`. */
  readonly section: string;
  readonly place: Place;
}

/** Why an item was not imported. The other items still import. */
export type RejectionCode =
  | 'unknown-subsection'
  | 'wrong-challenge'
  | 'missing-citation'
  | 'duplicate-number'
  | 'empty-text'
  | 'too-long'
  | 'no-challenge'
  | 'bad-item';

export interface Rejection {
  readonly code: RejectionCode;
  readonly place: Place;
  /** Says what was wrong and what is accepted. */
  readonly message: string;
}

export interface ParseResult {
  readonly format: InputFormat;
  readonly questions: readonly ImportedQuestion[];
  readonly rejections: readonly Rejection[];
}

export type InputFormat = 'json' | 'yaml' | 'text' | 'html';

/**
 * What the parsers need to know about the agenda being imported into: which
 * challenges and subsections exist, and how to recognise a challenge named by its
 * heading rather than its number.
 */
export interface ImportTarget {
  hasChallenge(id: string): boolean;
  /** The challenge a subsection belongs to, or undefined if the agenda lacks it. */
  challengeOfSubsection(section: string): string | undefined;
  /** The challenge's subsections in order (for hints in messages). */
  subsectionsOf(challengeId: string): readonly string[];
  /** A challenge id for a heading's words (its title or the paper's heading), if one matches exactly. */
  challengeByTitle(title: string): string | undefined;
}

/** Reports progress on long inputs (fraction 0..1 of the input read). */
export type ProgressFn = (done: number, total: number) => void;

/** Describes a place as people read it: `line 12`, `[3]`, or both. */
export function describePlace(place: Place): string {
  if (place.line !== undefined && place.path !== undefined) return `line ${place.line} (${place.path})`;
  if (place.line !== undefined) return `line ${place.line}`;
  return place.path ?? 'input';
}
