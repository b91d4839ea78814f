/**
 * `/agenda challenge <id, slug or words>`: one challenge with its subsections and
 * questions. A subsection id (`3.5.2`) shows that subsection instead.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { Block, Reply } from '../../message.js';
import { ReplyMemo } from '../../reply-memo.js';
import { defineSubcommand } from '../../commands/spec.js';
import { challengeLine, echo, inWords } from './format.js';
import { requireChallenge } from './lookup.js';
import { challengeView, subsectionView } from './views.js';

/** A challenge's (or subsection's) view depends only on the agenda and the words asked. */
const memo = new ReplyMemo<AgendaCatalog>();

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
    return memo.get(catalog, args.challenge, () => challengeReply(catalog, args.challenge));
  },
});

function challengeReply(catalog: AgendaCatalog, asked: string): Reply {
  const subsection = catalog.subsection(asked.trim().replace(/^§\s*/u, ''));
  if (subsection) return subsectionView(catalog, subsection);
  const match = requireChallenge(catalog, asked);
  const note: Block[] = [];
  if (!match.exact) {
    const also = match.alternatives.map(challengeLine);
    note.push({
      kind: 'context',
      spans: [`Best match for "${echo(asked)}".${also.length > 0 ? ` Also close: ${inWords(also)}.` : ''}`],
    });
  }
  return challengeView(catalog, match.challenge, note);
}
