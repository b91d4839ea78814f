/**
 * The registry: every command, button action and form the bot knows, declared once.
 * Adapters register from this list (Slack manifest, Discord command JSON, shell help),
 * so handlers and published definitions cannot drift apart.
 */
import type { Registry } from '../dispatcher.js';
import { categorySubcommand } from './agenda/category.js';
import { challengeSubcommand } from './agenda/challenge.js';
import { makeHelpSubcommand } from './agenda/help.js';
import { openAction } from './agenda/open.js';
import { questionSubcommand } from './agenda/question.js';
import { randomSubcommand } from './agenda/random.js';
import { searchSubcommand } from './agenda/search.js';
import { makeShareAction } from './agenda/share.js';
import { digestActions, digestSubcommands, subscriptionCompleter } from '../subscriptions/registry.js';
import type { CommandSpec } from './spec.js';

/** `/agenda`: look things up in the agenda. Features append their subcommands here. */
export const agendaCommand: CommandSpec = {
  name: 'agenda',
  description: 'Look up challenges and research questions of the agenda',
  defaultSubcommand: 'help',
  subcommands: [
    // Help reads the registry when it runs, so it lists every command, including later ones.
    makeHelpSubcommand(() => registry.commands),
    categorySubcommand,
    challengeSubcommand,
    questionSubcommand,
    searchSubcommand,
    randomSubcommand,
    ...digestSubcommands,
  ],
};

export const registry: Registry = {
  commands: [agendaCommand],
  actions: [makeShareAction(() => agendaCommand), openAction, ...digestActions],
  modals: [],
  completers: [subscriptionCompleter],
};
