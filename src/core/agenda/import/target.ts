import type { Agenda } from '../model.js';
import { normalize } from '../../text/similarity.js';
import type { ImportTarget } from './types.js';

/** The import's view of a loaded agenda. Headings match a challenge's paper heading, our title or slug. */
export function targetFromAgenda(agenda: Agenda): ImportTarget {
  const owners = new Map<string, string>();
  const sections = new Map<string, string[]>();
  const titles = new Map<string, string>();
  for (const challenge of agenda.challenges) {
    sections.set(
      challenge.id,
      challenge.subsections.map((s) => s.section),
    );
    for (const sub of challenge.subsections) owners.set(sub.section, challenge.id);
    for (const name of [challenge.paperTitle, challenge.title, challenge.slug.replace(/-/g, ' ')]) {
      titles.set(normalize(name), challenge.id);
    }
  }
  return {
    hasChallenge: (id) => sections.has(id),
    challengeOfSubsection: (section) => owners.get(section),
    subsectionsOf: (id) => sections.get(id) ?? [],
    challengeByTitle: (title) => titles.get(normalize(title.replace(/^challenge\s*:?\s*/i, ''))),
  };
}
