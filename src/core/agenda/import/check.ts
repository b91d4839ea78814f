/**
 * The rules every imported item must pass, whatever layout it came in: a text,
 * a citation of a subsection the agenda has (in the item's own challenge), and a
 * number not already used in that challenge. Items that fail are rejected with
 * their place; the others go on.
 */
import { challengeOfSection } from './citation.js';
import type { ImportedQuestion, ImportTarget, Place, Rejection } from './types.js';

/** An item as a parser read it, before the rules are applied. */
export interface Candidate {
  /** From the heading it sits under, when there is one. */
  readonly challengeId?: string;
  /** Set when the heading named a challenge the agenda lacks. */
  readonly unknownChallenge?: string;
  readonly number: number;
  readonly text: string;
  readonly sections: readonly string[];
  readonly place: Place;
}

export interface Checked {
  readonly questions: ImportedQuestion[];
  readonly rejections: Rejection[];
}

/** Chat platforms cut long texts (Slack sections hold 3,000 characters); the paper's questions are a few sentences. */
export const MAX_TEXT = 1500;

/**
 * Control characters (terminal escapes, NUL) and bidirectional overrides have no place
 * in a question and could disguise its text on a terminal or in chat: they become spaces.
 * A constant on its own line, so the lint exemption stays next to it however the code is formatted.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this strips from imported text
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function plainText(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
}

/** A candidate that broke a rule: the rule's code and what to tell the importer. */
interface Broken {
  readonly code: Rejection['code'];
  readonly message: string;
}

export function checkCandidates(candidates: Iterable<Candidate>, target: ImportTarget): Checked {
  const questions: ImportedQuestion[] = [];
  const rejections: Rejection[] = [];
  const seen = new Map<string, Place>();
  for (const raw of candidates) {
    const c = { ...raw, text: plainText(raw.text) };
    const result = checkOne(c, target, seen);
    if ('code' in result) {
      rejections.push({ code: result.code, place: c.place, message: result.message });
      continue;
    }
    seen.set(`${result.challengeId}-q${c.number}`, c.place);
    questions.push(result);
  }
  return { questions, rejections };
}

/** The rules for one candidate (its text already made plain), in the order the importer should hear of them. */
function checkOne(c: Candidate, target: ImportTarget, seen: ReadonlyMap<string, Place>): ImportedQuestion | Broken {
  const label = `question ${c.number}`;
  const textProblem = checkText(c, label);
  if (textProblem !== undefined) return textProblem;
  const section = c.sections[0];
  if (c.unknownChallenge !== undefined) {
    return {
      code: 'no-challenge',
      message: `${label} is listed under challenge ${c.unknownChallenge}, which this agenda does not have`,
    };
  }
  if (section === undefined) {
    return {
      code: 'missing-citation',
      message: `${label} does not end with the subsection it comes from, e.g. "(Section 2.1.3)"`,
    };
  }
  const challengeId = c.challengeId ?? challengeOfSection(section);
  const citationProblem = checkCitation(c, target, { challengeId, section, label });
  if (citationProblem !== undefined) return citationProblem;
  const earlier = seen.get(`${challengeId}-q${c.number}`);
  if (earlier !== undefined) {
    return {
      code: 'duplicate-number',
      message: `${label} of challenge ${challengeId} is a duplicate: that number was already used at ${placeText(earlier)}`,
    };
  }
  return { challengeId, number: c.number, text: c.text, section, place: c.place };
}

function checkText(c: Candidate, label: string): Broken | undefined {
  if (c.text.length > MAX_TEXT) {
    return {
      code: 'too-long',
      message: `${label} is ${c.text.length} characters long; a question may have at most ${MAX_TEXT} (is a blank line or its citation missing?)`,
    };
  }
  if (c.text.length === 0) {
    return {
      code: 'empty-text',
      message: `${label} has no text (only a number${c.sections.length > 0 ? ' and a citation' : ''})`,
    };
  }
  return undefined;
}

/** Every cited subsection must exist, and the first must belong to the challenge the item is listed under. */
function checkCitation(
  c: Candidate,
  target: ImportTarget,
  { challengeId, section, label }: { challengeId: string; section: string; label: string },
): Broken | undefined {
  const unknown = c.sections.find((s) => target.challengeOfSubsection(s) === undefined);
  if (unknown !== undefined) {
    return {
      code: 'unknown-subsection',
      message: `${label} cites §${unknown}, which this agenda does not have${subsectionHint(target, challengeId)}`,
    };
  }
  const owner = target.challengeOfSubsection(section);
  if (owner !== challengeId) {
    return {
      code: 'wrong-challenge',
      message: `${label} is listed under challenge ${challengeId} but cites §${section}, a subsection of challenge ${owner}`,
    };
  }
  return undefined;
}

function subsectionHint(target: ImportTarget, challengeId: string): string {
  const sections = target.subsectionsOf(challengeId);
  if (sections.length === 0) return '';
  return ` (challenge ${challengeId} has ${sections[0]} to ${sections[sections.length - 1]})`;
}

function placeText(place: Place): string {
  return place.line !== undefined ? `line ${place.line}` : (place.path ?? 'an earlier item');
}
