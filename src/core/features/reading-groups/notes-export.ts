/**
 * A group's notes as Markdown, for `/readinggroup notes`. Notes are user text: they
 * are kept as typed, but each is indented under its heading line so that a note can
 * never break the document's structure (a `#` at a line start stays inside the note).
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import type { ReadingGroup, Note, Session } from './model.js';
import { unitTitle } from './units.js';

function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function notesMarkdown(
  group: ReadingGroup,
  sessions: readonly Session[],
  notes: readonly Note[],
  catalog: AgendaCatalog,
): string {
  const lines = [`# ${group.name}: notes`, ''];
  for (const session of sessions) {
    const own = notes.filter((n) => n.sessionNumber === session.number);
    if (own.length === 0) continue;
    lines.push(`## Session ${session.number}: ${unitTitle(catalog, session.unitId)} (${session.localDate})`, '');
    for (const note of own) {
      const [first = '', ...rest] = note.text.split(/\r?\n/u);
      lines.push(
        `- Note ${note.id} by @${note.authorId}, ${stamp(note.createdAt)}:`,
        `    ${first}`,
        ...rest.map((line) => `    ${line}`),
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
