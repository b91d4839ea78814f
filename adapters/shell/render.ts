/**
 * Renders neutral replies as terminal text. Buttons become numbered labels that
 * the user can type (the number or the label) to press them.
 */
import {
  needsOriginLabel,
  spansToPlain,
  type Block,
  type Button,
  type ListItem,
  type Reply,
} from '../../src/core/message.js';

export interface RenderedReply {
  readonly text: string;
  readonly buttons: readonly Button[];
}

const ORIGIN_LABEL = { paper: 'from the paper', prompt: 'our discussion prompt' } as const;

export function renderReply(reply: Reply, firstButtonNumber = 1): RenderedReply {
  const lines: string[] = [];
  const buttons: Button[] = [];
  if (reply.visibility === 'ephemeral') lines.push('(only you can see this)');
  for (const block of reply.blocks) lines.push(...renderBlock(block, buttons, firstButtonNumber));
  if (reply.blocks.length === 0) lines.push(reply.summary);
  return { text: lines.join('\n'), buttons };
}

function renderBlock(block: Block, buttons: Button[], firstButtonNumber: number): string[] {
  switch (block.kind) {
    case 'heading':
      return ['', `== ${block.text} ==`];
    case 'text':
      return [spansToPlain(block.spans)];
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${spansToPlain(f.value)}`);
    case 'list':
      return [...block.items.map(renderItem), ...(block.more ? [`  … ${block.more}`] : [])];
    case 'links':
      return block.links.map((l) => `  -> ${l.text}: ${l.url}`);
    case 'context':
      return [`  (${spansToPlain(block.spans)})`];
    case 'divider':
      return ['----'];
    case 'buttons': {
      const labels = block.buttons.map((b) => {
        buttons.push(b);
        return `[${firstButtonNumber + buttons.length - 1}] ${b.label}`;
      });
      return [`Buttons: ${labels.join('  ')}  (type the number to press)`];
    }
  }
}

function renderItem(item: ListItem): string {
  const text = spansToPlain(item.text);
  const origin = item.origin && needsOriginLabel(item) ? ` (${ORIGIN_LABEL[item.origin]})` : '';
  return `  ${item.id}${origin}  ${text}`;
}
