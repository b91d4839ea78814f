/** How a syllabus unit (challenge or subsection) is named and linked in replies. */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Block } from '../../message.js';
import { challengeIdOf } from './questions.js';

export function unitTitle(catalog: AgendaCatalog, unitId: string): string {
  const challenge = catalog.challenge(challengeIdOf(unitId));
  if (!challenge) return `${unitId} (no longer in the agenda)`;
  if (unitId === challenge.id) return `${challenge.id} ${challenge.title}`;
  const subsection = catalog.subsection(unitId);
  return subsection
    ? `${unitId} ${subsection.title} (in ${challenge.id} ${challenge.title})`
    : `${unitId} (no longer in the agenda)`;
}

/** What to read for a unit: the challenge's summary, its subsections, and the link into the paper. */
export function readingBlocks(catalog: AgendaCatalog, unitId: string): Block[] {
  const challenge = catalog.challenge(challengeIdOf(unitId));
  if (!challenge)
    return [
      { kind: 'text', spans: [`${unitId} is no longer in the agenda; the organisers may want to skip this session.`] },
    ];
  const blocks: Block[] = [{ kind: 'text', spans: [challenge.summary] }];
  if (unitId === challenge.id && challenge.subsections.length > 0) {
    blocks.push({ kind: 'list', items: challenge.subsections.map((s) => ({ id: s.section, text: [s.title] })) });
  }
  blocks.push({ kind: 'links', links: [{ text: `Read §${unitId} in the paper`, url: catalog.link(unitId) }] });
  return blocks;
}
