/** `/readinggroup`'s subcommands, and its help, which lists them. */
import type { Reply } from '../../../message.js';
import { usageOf } from '../../../commands/parse-text.js';
import { defineSubcommand, type CommandSpec, type SubcommandSpec } from '../../../commands/spec.js';
import { create } from './create.js';
import { facilitate, join, leave, members, remind } from './membership.js';
import { organisersAdd, organisersRemove } from './organisers.js';
import { archive, pause, postpone, resume, skip } from './course-changes.js';
import { deleteNote, notes, status } from './status-notes.js';

export const readingGroupSubcommands: readonly SubcommandSpec[] = [
  create,
  join,
  leave,
  members,
  facilitate,
  remind,
  organisersAdd,
  organisersRemove,
  status,
  skip,
  postpone,
  pause,
  resume,
  notes,
  deleteNote,
  archive,
];

export function readingGroupHelp(self: () => CommandSpec): SubcommandSpec {
  return defineSubcommand({
    name: 'help',
    description: 'How reading groups work, and every /readinggroup command',
    examples: ['/readinggroup help'],
    options: [] as const,
    run(): Reply {
      const intro =
        "A reading group takes one challenge (or, with unit:subsection, one subsection) of the agenda per session. Before each session the bot reminds the members what to read; at session time it opens a thread with discussion questions (the paper's first, then our prompts, each marked), a facilitator and RSVP buttons.";
      return {
        visibility: 'ephemeral',
        summary: intro,
        blocks: [
          { kind: 'heading', text: 'Reading groups' },
          { kind: 'text', spans: [intro] },
          {
            kind: 'list',
            items: self()
              .subcommands.filter((s) => s.name !== 'help')
              .map((s) => ({ id: s.name, text: [s.description, ' — ', { text: usageOf(self(), s), code: true }] })),
          },
          {
            kind: 'context',
            spans: [
              'Organisers alone can skip, postpone, pause, resume, archive, mark sessions covered and change organisers.',
            ],
          },
        ],
      };
    },
  });
}
