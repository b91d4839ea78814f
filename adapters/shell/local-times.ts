/**
 * The shell's time zone. Chat platforms show a time span in each reader's own zone
 * (Slack `<!date>`, Discord `<t:…>`); the terminal has one reader, so the shell turns
 * every time span into text in the terminal's zone, naming it, before rendering.
 */
import type { Block, Reply, Span } from '../../src/core/message.js';
import { formatInZone } from '../../src/core/time/format.js';

/** The reply with each time span replaced by local text in `zone`; everything else unchanged. */
export function localizeTimes(reply: Reply, zone: string): Reply {
  return { ...reply, blocks: reply.blocks.map((block) => localizeBlock(block, zone)) };
}

function localizeBlock(block: Block, zone: string): Block {
  const spans = (list: readonly Span[]): Span[] => list.map((span) => localizeSpan(span, zone));
  switch (block.kind) {
    case 'text':
    case 'context':
      return { ...block, spans: spans(block.spans) };
    case 'fields':
      return { ...block, fields: block.fields.map((field) => ({ ...field, value: spans(field.value) })) };
    case 'list':
      return { ...block, items: block.items.map((item) => ({ ...item, text: spans(item.text) })) };
    default:
      return block;
  }
}

function localizeSpan(span: Span, zone: string): Span {
  return typeof span === 'object' && 'time' in span ? formatInZone(span.time, zone, span.style) : span;
}
