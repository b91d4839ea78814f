/** `/readinggroup status`, `notes [session|all]` (a Markdown file) and `delete-note <id>`. */
import { UserError } from '../../../errors.js';
import type { Reply } from '../../../message.js';
import { statusReply } from '../group-cards.js';
import { notesMarkdown } from '../notes-export.js';
import { defineSubcommand } from '../../../commands/spec.js';
import { groupOption, resolveGroup, say } from './shared.js';
import { DeliveryError } from '../../../ports.js';

export const status = defineSubcommand({
  name: 'status',
  description: 'Sessions done and left, the next session, attendance',
  examples: ['/readinggroup status', '/readinggroup status Safety RG'],
  options: [groupOption] as const,
  async run(ctx, args, services): Promise<Reply> {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    const { store } = feature;
    const [sessions, members] = await Promise.all([store.sessions(group.id), store.members(group.id)]);
    // Attendance is shown for the sessions held so far.
    const held = sessions.filter((s) => s.status !== 'scheduled');
    const rsvps = new Map(
      await Promise.all(held.map(async (s) => [s.number, await store.rsvps(group.id, s.number)] as const)),
    );
    return statusReply({
      group,
      sessions,
      catalog: services.agenda(),
      memberCount: members.length,
      rsvpsOf: (n) => rsvps.get(n) ?? [],
    });
  },
});

export const notes = defineSubcommand({
  name: 'notes',
  description: "A session's notes (or all) as a Markdown file, posted here",
  examples: ['/readinggroup notes', '/readinggroup notes 3', '/readinggroup notes all'],
  options: [
    {
      name: 'session',
      kind: 'string',
      description: 'a session number, or all (default: the latest session held)',
      syntax: 'positional',
    },
    groupOption,
  ] as const,
  async run(ctx, args, services): Promise<Reply> {
    const wanted =
      args.session !== undefined && /^(all|\d+)$/iu.test(args.session) ? args.session.toLowerCase() : undefined;
    // In `notes Safety RG` the first word is part of the group's name, not a session.
    const groupText =
      wanted === undefined && args.session !== undefined
        ? [args.session, args.group ?? ''].join(' ').trim()
        : args.group;
    const { feature, group } = await resolveGroup(services, ctx, groupText);
    const sessions = await feature.store.sessions(group.id);
    let chosen: number | undefined;
    if (wanted === undefined) {
      chosen = sessions.filter((s) => s.status !== 'scheduled').at(-1)?.number;
      if (chosen === undefined)
        throw new UserError(
          'no-session-held',
          `"${group.name}" has not held a session yet, so there are no notes. Notes are added with the Add note button in a session's thread.`,
        );
    } else if (wanted !== 'all') {
      chosen = Number(wanted);
      if (!sessions.some((s) => s.number === chosen)) {
        throw new UserError(
          'unknown-session',
          `"${group.name}" has no session ${wanted}: its sessions are numbered 1 to ${sessions.length}. Use \`/readinggroup notes all\` for every note.`,
        );
      }
    }
    const list = await (chosen === undefined ? feature.store.notes(group.id) : feature.store.notes(group.id, chosen));
    const what = chosen === undefined ? 'all sessions' : `session ${chosen}`;
    if (list.length === 0)
      return say(
        chosen === undefined
          ? `"${group.name}" has no notes yet.`
          : `No notes yet for session ${chosen} of "${group.name}".`,
      );
    const port = services.platforms.get(ctx.actor.platform);
    if (!port) throw new Error(`no delivery port for ${ctx.actor.platform}`);
    const markdown = notesMarkdown(group, sessions, list, services.agenda());
    const slug =
      group.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/gu, '-')
        .replace(/^-|-$/gu, '') || `group-${group.id}`;
    const file = `${slug}-${chosen === undefined ? 'all' : `session-${chosen}`}-notes.md`;
    await port.uploadText(ctx.conversation, file, `${group.name}: notes of ${what}`, markdown).catch(refuseUpload);
    return say(`Posted ${list.length} note${list.length === 1 ? '' : 's'} of ${what} as ${file}.`);
  },
});

export const deleteNote = defineSubcommand({
  name: 'delete-note',
  description: 'Remove one of your own notes',
  examples: ['/readinggroup delete-note 12'],
  options: [
    {
      name: 'id',
      kind: 'integer',
      description: 'the note number shown when you saved it',
      syntax: 'positional',
      required: true,
      min: 1,
    },
    groupOption,
  ] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    if (!(await feature.store.deleteNote(group.id, args.id, ctx.actor.userId))) {
      throw new UserError(
        'not-your-note',
        `"${group.name}" has no note ${args.id} of yours. You can remove only notes you wrote; their numbers are in \`/readinggroup notes all\`.`,
      );
    }
    return say(`Removed your note ${args.id} from "${group.name}".`);
  },
});

/** A channel the bot may not post files in is a refusal with what to do, not an internal error. */
function refuseUpload(error: unknown): never {
  if (error instanceof DeliveryError && error.permanent) {
    throw new UserError(
      'notes-not-posted',
      `Could not post the notes file in this channel: ${error.explanation ?? `the platform refused the file (${error.code})`}. ` +
        'Invite the bot to this channel (or let it post files here) and try again.',
    );
  }
  throw error;
}
