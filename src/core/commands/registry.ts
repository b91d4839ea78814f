/**
 * The registry: every command, button action and form the bot knows, declared once.
 * Adapters register from this list (Slack manifest, Discord command JSON, shell help),
 * so handlers and published definitions cannot drift apart.
 */
import type { Registry } from '../dispatcher.js';
import { categorySubcommand } from '../features/lookups/category.js';
import { challengeSubcommand } from '../features/lookups/challenge.js';
import { makeHelpSubcommand } from '../features/lookups/help.js';
import { openAction } from '../features/lookups/open.js';
import { questionSubcommand } from '../features/lookups/question.js';
import { randomSubcommand } from '../features/lookups/random.js';
import { searchSubcommand } from '../features/lookups/search.js';
import { makeShareAction } from './share.js';
import { digestActions, digestSubcommands, subscriptionCompleter } from '../features/weekly-question/index.js';
import type { CommandSpec } from './spec.js';
import { readingGroupActions, readingGroupCommand, readingGroupCompleters, readingGroupModals } from '../features/reading-groups/commands/readinggroup-command.js';

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
  commands: [agendaCommand, readingGroupCommand],
  actions: [makeShareAction(() => agendaCommand), openAction, ...digestActions, ...readingGroupActions],
  modals: [...readingGroupModals],
  completers: [subscriptionCompleter, ...readingGroupCompleters],
};
