/**
 * Splits chat markup into plain, code and quoted segments. Slack's mrkdwn (once its
 * `&gt;` escapes are undone) and Discord's Markdown mark these the same way: triple
 * backticks around a block, single backticks around a span, `>` starting a quoted line,
 * and (Discord) `>>>` quoting everything after it. Adapters call this; features read
 * the segments.
 */
import type { TextSegment } from '../channel-message.js';

const FENCE = '```';

export function markupSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const parts = text.split(FENCE);
  // Even parts are outside fences; an unclosed fence leaves its text as it was written.
  const closed = parts.length % 2 === 1;
  parts.forEach((part, index) => {
    if (index % 2 === 1 && (closed || index < parts.length - 1)) segments.push({ text: part, kind: 'code' });
    else if (index % 2 === 1) segments.push(...linesOf(`${FENCE}${part}`));
    else segments.push(...linesOf(part));
  });
  return segments.filter((s) => s.text.length > 0);
}

function linesOf(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith('>>>')) {
      segments.push({ text: lines.slice(index).join('\n'), kind: 'quote' });
      break;
    }
    if (trimmed.startsWith('>')) segments.push({ text: line, kind: 'quote' });
    else segments.push(...spansOf(line));
    if (index < lines.length - 1) segments.push({ text: '\n', kind: 'plain' });
  }
  return segments;
}

/** Inline code: text between a pair of single backticks on one line. */
function spansOf(line: string): TextSegment[] {
  const parts = line.split('`');
  const closed = parts.length % 2 === 1;
  return parts.map((part, index) => {
    const code = index % 2 === 1 && (closed || index < parts.length - 1);
    return { text: code || index % 2 === 0 ? part : `\`${part}`, kind: code ? 'code' : 'plain' };
  });
}
