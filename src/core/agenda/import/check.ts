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
 */
function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this strips from imported text
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function checkCandidates(candidates: Iterable<Candidate>, target: ImportTarget): Checked {
  const questions: ImportedQuestion[] = [];
  const rejections: Rejection[] = [];
  const seen = new Map<string, Place>();
  const reject = (code: Rejection['code'], place: Place, message: string): void => {
    rejections.push({ code, place, message });
  };
  for (const raw of candidates) {
    const c = { ...raw, text: plainText(raw.text) };
    const label = `question ${c.number}`;
    if (c.text.length > MAX_TEXT) {
      reject('too-long', c.place, `${label} is ${c.text.length} characters long; a question may have at most ${MAX_TEXT} (is a blank line or its citation missing?)`);
      continue;
    }
    if (c.text.length === 0) {
      reject('empty-text', c.place, `${label} has no text (only a number${c.sections.length > 0 ? ' and a citation' : ''})`);
      continue;
    }
    const section = c.sections[0];
    if (c.unknownChallenge !== undefined) {
      reject('no-challenge', c.place, `${label} is listed under challenge ${c.unknownChallenge}, which this agenda does not have`);
      continue;
    }
    if (section === undefined) {
      reject('missing-citation', c.place, `${label} does not end with the subsection it comes from, e.g. "(Section 2.1.3)"`);
      continue;
    }
    const challengeId = c.challengeId ?? challengeOfSection(section);
    const unknown = c.sections.find((s) => target.challengeOfSubsection(s) === undefined);
    if (unknown !== undefined) {
      reject('unknown-subsection', c.place, `${label} cites §${unknown}, which this agenda does not have${subsectionHint(target, challengeId)}`);
      continue;
    }
    const owner = target.challengeOfSubsection(section);
    if (owner !== challengeId) {
      reject('wrong-challenge', c.place, `${label} is listed under challenge ${challengeId} but cites §${section}, a subsection of challenge ${owner}`);
      continue;
    }
    const key = `${challengeId}-q${c.number}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reject('duplicate-number', c.place, `${label} of challenge ${challengeId} is a duplicate: that number was already used at ${placeText(earlier)}`);
      continue;
    }
    seen.set(key, c.place);
    questions.push({ challengeId, number: c.number, text: c.text, section, place: c.place });
  }
  return { questions, rejections };
}

function subsectionHint(target: ImportTarget, challengeId: string): string {
  const sections = target.subsectionsOf(challengeId);
  if (sections.length === 0) return '';
  return ` (challenge ${challengeId} has ${sections[0]} to ${sections[sections.length - 1]})`;
}

function placeText(place: Place): string {
  return place.line !== undefined ? `line ${place.line}` : (place.path ?? 'an earlier item');
}
