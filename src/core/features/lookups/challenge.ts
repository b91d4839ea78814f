/**
 * `/agenda challenge <id, slug or words>`: one challenge with its subsections and
 * questions. A subsection id (`3.5.2`) shows that subsection instead.
 */
import type { Block } from '../../message.js';
import { defineSubcommand } from '../../commands/spec.js';
import { challengeLine, echo, inWords } from './format.js';
import { requireChallenge } from './lookup.js';
import { challengeView, subsectionView } from './views.js';

export const challengeSubcommand = defineSubcommand({
  name: 'challenge',
  shareable: true,
  description: 'Show a challenge: summary, subsections, questions and a link into the paper',
  examples: ['/agenda challenge 3.5', '/agenda challenge jailbreaks', '/agenda challenge prompt injection'],
  options: [
    {
      name: 'challenge',
      kind: 'string',
      description: 'challenge id (3.5), slug, or words from its title',
      required: true,
      syntax: 'rest',
      autocomplete: 'challenge',
    },
  ],
  run(_ctx, args, services) {
    const catalog = services.agenda();
    const subsection = catalog.subsection(args.challenge.trim().replace(/^§\s*/u, ''));
    if (subsection) return subsectionView(catalog, subsection);
    const match = requireChallenge(catalog, args.challenge);
    const note: Block[] = [];
    if (!match.exact) {
      const also = match.alternatives.map(challengeLine);
      note.push({
        kind: 'context',
        spans: [`Best match for "${echo(args.challenge)}".${also.length > 0 ? ` Also close: ${inWords(also)}.` : ''}`],
      });
    }
    return challengeView(catalog, match.challenge, note);
  },
});
