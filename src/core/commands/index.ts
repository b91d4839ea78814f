/**
 * The registry: every command, button action and form the bot knows, declared once.
 * Adapters register from this list (Slack manifest, Discord command JSON, shell help),
 * so handlers and published definitions cannot drift apart.
 */
import type { Registry } from '../dispatcher.js';
import type { CommandSpec } from './spec.js';
import { readingGroupActions, readingGroupCommand, readingGroupModals } from './readinggroup/index.js';

/** `/agenda`: look things up in the agenda. Features append their subcommands here. */
export const agendaCommand: CommandSpec = {
  name: 'agenda',
  description: 'Look up challenges and research questions of the agenda',
  defaultSubcommand: 'help',
  subcommands: [],
};

export const registry: Registry = {
  commands: [agendaCommand, readingGroupCommand],
  actions: [...readingGroupActions],
  modals: [...readingGroupModals],
};
