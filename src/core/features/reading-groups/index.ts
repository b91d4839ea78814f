/**
 * Reading groups: `/readinggroup` runs a group through the agenda one session at a
 * time, with reminders before each session and a discussion thread at session time.
 */
import type { Feature } from '../declaration.js';
import { readingGroupActions } from './commands/actions.js';
import { groupCompleter } from './commands/group-completer.js';
import { noteModal } from './commands/note-modal.js';
import { readingGroupHelp, readingGroupSubcommands } from './commands/readinggroup-command.js';
import { readingGroupPosts } from './scheduled-posts.js';

export const readingGroups: Feature = {
  name: 'reading-groups',
  commands: [
    {
      name: 'readinggroup',
      description: 'Run a reading group through the agenda, session by session',
      defaultSubcommand: 'help',
      help: (self) => readingGroupHelp(self),
    },
  ],
  subcommands: { readinggroup: readingGroupSubcommands },
  actions: readingGroupActions,
  modals: [noteModal],
  completers: [groupCompleter],
  scheduled: readingGroupPosts,
};
