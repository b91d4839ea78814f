/** Reading replies in tests: the text a user would see, the buttons, the list ids. */
import type { Block, Button, ListItem, Reply } from '../../src/core/message.js';
import { spansToPlain } from '../../src/core/message.js';

/** Every block as one line of plain text (list items as `[id] text`), for `toContain` checks. */
export function replyLines(reply: Reply): string[] {
  return reply.blocks.flatMap((block: Block): string[] => {
    switch (block.kind) {
      case 'heading':
        return [block.text];
      case 'text':
      case 'context':
        return [spansToPlain(block.spans)];
      case 'fields':
        return block.fields.map((f) => `${f.label}: ${spansToPlain(f.value)}`);
      case 'list':
        return [...block.items.map((i) => `[${i.id}] ${spansToPlain(i.text)}`), ...(block.more ? [block.more] : [])];
      case 'links':
        return block.links.map((l) => `${l.text} <${l.url}>`);
      case 'buttons':
        return block.buttons.map((b) => `(${b.label})`);
      case 'divider':
        return ['---'];
    }
  });
}

export function replyButtons(reply: Reply): Button[] {
  return reply.blocks.flatMap((b) => (b.kind === 'buttons' ? [...b.buttons] : []));
}

export function listItems(reply: Reply): ListItem[] {
  return reply.blocks.flatMap((b) => (b.kind === 'list' ? [...b.items] : []));
}

export function listMore(reply: Reply): string | undefined {
  for (const block of reply.blocks) if (block.kind === 'list' && block.more) return block.more;
  return undefined;
}
