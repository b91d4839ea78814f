/** `/agenda question <id>`: one question, saying plainly whether it is the paper's or ours. */
import { defineSubcommand } from '../../commands/spec.js';
import { requireQuestion } from './lookup.js';
import { questionView } from './views.js';

export const questionSubcommand = defineSubcommand({
  name: 'question',
  shareable: true,
  description: 'Show one question by id, with where it comes from',
  examples: ['/agenda question 2.1-q1', '/agenda question 3.5.2-p1'],
  options: [
    {
      name: 'id',
      kind: 'string',
      description: 'question id: 2.1-q1 (from the paper) or 3.5.2-p1 (our prompt)',
      required: true,
      syntax: 'rest',
      autocomplete: 'question',
    },
  ],
  run(_ctx, args, services) {
    const catalog = services.agenda();
    return questionView(catalog, requireQuestion(catalog, args.id));
  },
});
