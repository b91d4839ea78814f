/**
 * Lookups: `/agenda` itself and its read-only subcommands (help, category, challenge,
 * question, search, related, random) with their Open, Related and Share buttons.
 */
import type { Feature } from '../declaration.js';
import { categorySubcommand } from './category.js';
import { challengeSubcommand } from './challenge.js';
import { makeHelpSubcommand } from './help.js';
import { openAction } from './open.js';
import { questionSubcommand } from './question.js';
import { randomSubcommand } from './random.js';
import { relatedAction, relatedSubcommand } from './related.js';
import { searchSubcommand } from './search.js';

export const lookups: Feature = {
  name: 'lookups',
  commands: [
    {
      name: 'agenda',
      description: 'Look up challenges and research questions of the agenda',
      defaultSubcommand: 'help',
      // Help lists every command, including those of features declared after this one.
      help: (_self, all) => makeHelpSubcommand(all),
    },
  ],
  subcommands: {
    agenda: [
      categorySubcommand,
      challengeSubcommand,
      questionSubcommand,
      searchSubcommand,
      relatedSubcommand,
      randomSubcommand,
    ],
  },
  actions: [openAction, relatedAction],
};
