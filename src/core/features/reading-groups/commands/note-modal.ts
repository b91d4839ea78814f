/** The Add note form: the note is stored with its author; only the author can remove it. */
import { UserError } from '../../../errors.js';
import { ephemeralText, type ActionResult } from '../../../message.js';
import { NOTE_MODAL } from '../session-cards.js';
import { loadSession } from '../session-refs.js';
import type { ModalSpec } from '../../../commands/spec.js';
import { NOTE_MAX } from './actions.js';

export const noteModal: ModalSpec = {
  modal: NOTE_MODAL,
  async run(ctx, value, fields, services): Promise<ActionResult> {
    const { store } = services.readingGroups;
    const { group, session } = await loadSession(store, ctx, value);
    const text = (fields['note'] ?? '').trim();
    if (text === '') throw new UserError('empty-note', 'The note is empty: write something, or close the form.');
    if (text.length > NOTE_MAX)
      throw new UserError(
        'long-note',
        `The note has ${text.length} characters; the most is ${NOTE_MAX}. Split it into two notes.`,
      );
    const note = await store.addNote(group.id, session.number, ctx.actor.userId, text, services.clock.now());
    return {
      reply: ephemeralText(
        `Saved your note (number ${note.id}) for session ${session.number} of "${group.name}". Remove it with \`/readinggroup delete-note ${note.id}\`.`,
      ),
    };
  },
};
