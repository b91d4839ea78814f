/**
 * A neutral `Reply` → a Slack message (Block Kit plus the plain `text` fallback that
 * notifications and screen readers use), within Slack's message limits.
 *
 * The cutting rule, the same every time: button rows, the closing small print (context
 * blocks at the end, such as the agenda's attribution) and one notice line are reserved
 * first. Blocks are then rendered in order while they fit in 50 blocks and 12,000
 * characters. A list that does not fit is cut after its last whole item that fits and
 * says "showing N of M" (followed by the core's own `more` hint, if any); any other
 * text is cut at a line or word break with "…". Everything after the cut is dropped,
 * except what was reserved, and the notice says so.
 */
import { closingSmallPrintStart, type Reply } from '../../src/core/message.js';
import {
  SLACK_LIMITS,
  buttonRows,
  context,
  listLines,
  renderPlainBlock,
  section,
  textSections,
  visibleLength,
  type SlackBlock,
} from './blocks.js';
import { escapeText } from './mrkdwn.js';
import { truncateMrkdwn } from './split.js';

/** What chat.postMessage, chat.update and response_url posts take. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: SlackBlock[];
}

/** Characters kept back for the notice line, which may quote the core's `more` hint. */
const NOTICE_RESERVE = 400;
/** A cut section keeps at least this much text, or it is dropped whole. */
const MIN_PARTIAL = 80;
const TOO_LONG = 'the rest did not fit in one Slack message';

type Unit =
  | { readonly kind: 'fixed'; readonly blocks: SlackBlock[] }
  | { readonly kind: 'content'; readonly blocks: SlackBlock[] }
  | { readonly kind: 'list'; readonly lines: string[]; readonly more?: string };

/**
 * Renders a reply within Slack's limits, cutting by the rule at the top of this file.
 * `maxBlocks` is 50 for messages; a Home tab view holds 100.
 */
export function renderReply(reply: Reply, maxBlocks: number = SLACK_LIMITS.blocks): SlackMessage {
  const units = toUnits(reply);
  const fixed = units.flatMap((u) => (u.kind === 'fixed' ? u.blocks : []));
  let blocksLeft = maxBlocks - fixed.length - 1;
  let charsLeft = SLACK_LIMITS.totalText - fixed.reduce((n, b) => n + visibleLength(b), 0) - NOTICE_RESERVE;
  const out: SlackBlock[] = [];
  let notice: string | null = null;

  const fitsLength = (length: number): boolean => blocksLeft >= 1 && length <= charsLeft;
  const fits = (block: SlackBlock): boolean => fitsLength(visibleLength(block));
  const take = (block: SlackBlock): void => {
    out.push(block);
    blocksLeft -= 1;
    charsLeft -= visibleLength(block);
  };

  for (const unit of units) {
    if (unit.kind === 'fixed') {
      out.push(...unit.blocks);
      continue;
    }
    if (notice !== null) continue;
    if (unit.kind === 'list') {
      notice = placeList(unit, { fits, fitsLength, take });
      if (notice !== null) out.push(context(notice));
      continue;
    }
    for (const block of unit.blocks) {
      if (fits(block)) {
        take(block);
        continue;
      }
      const partial = partialSection(block, blocksLeft, charsLeft);
      if (partial) take(partial);
      notice = `_…${TOO_LONG}._`;
      out.push(context(notice));
      break;
    }
  }
  const text = fallbackText(reply);
  // Slack refuses an empty block list; a reply with no blocks shows its summary instead.
  return { text, blocks: out.length > 0 ? out : textSections(text) };
}

/** The room left in the message, as `renderReply` counts it. */
interface Room {
  readonly fits: (block: SlackBlock) => boolean;
  /** Whether a section of this many characters fits. */
  readonly fitsLength: (length: number) => boolean;
  readonly take: (block: SlackBlock) => void;
}

/** Places as many list items as fit; returns the notice if the list was cut, else null. */
function placeList(unit: Extract<Unit, { kind: 'list' }>, { fits, fitsLength, take }: Room): string | null {
  let shown = 0;
  let current: string[] = [];
  // The length of current.join('\n'), kept as lines are added rather than joined again for each line.
  let length = 0;
  // `current` always fits on its own, so flushing it never fails.
  const flush = (): void => {
    if (current.length === 0) return;
    take(section(current.join('\n')));
    shown += current.length;
    current = [];
    length = 0;
  };
  const joined = (line: string): number => (current.length > 0 ? length + 1 : 0) + line.length;
  let stopped = false;
  for (const line of unit.lines) {
    if (joined(line) > SLACK_LIMITS.sectionText) flush();
    if (!fitsLength(joined(line))) {
      stopped = true;
      break;
    }
    length = joined(line);
    current.push(line);
  }
  flush();
  if (!stopped) {
    if (unit.more === undefined) return null;
    const more = context(escapeText(unit.more));
    if (fits(more)) {
      take(more);
      return null;
    }
    return truncateMrkdwn(escapeText(unit.more), NOTICE_RESERVE);
  }
  const hint = unit.more !== undefined ? `\n${escapeText(unit.more)}` : '';
  return truncateMrkdwn(`_Showing ${shown} of ${unit.lines.length}: ${TOO_LONG}._${hint}`, NOTICE_RESERVE);
}

/** The head of a text section cut to the characters left, if enough is left to be useful. */
function partialSection(block: SlackBlock, blocksLeft: number, charsLeft: number): SlackBlock | null {
  if (block.type !== 'section' || !block.text || blocksLeft < 1 || charsLeft < MIN_PARTIAL) return null;
  return section(truncateMrkdwn(block.text.text, charsLeft));
}

function toUnits(reply: Reply): Unit[] {
  let buttonIndex = 0;
  const firstKept = closingSmallPrintStart(reply.blocks);
  return reply.blocks.map((block, index): Unit => {
    // The closing small print (the agenda's attribution) is reserved like the buttons.
    if (block.kind === 'context' && index >= firstKept) return { kind: 'fixed', blocks: renderPlainBlock(block) };
    if (block.kind === 'buttons') {
      const rows = buttonRows(block.buttons, buttonIndex);
      buttonIndex += block.buttons.length;
      return { kind: 'fixed', blocks: rows };
    }
    if (block.kind === 'list') {
      const more = block.more !== undefined && block.more.trim() !== '' ? { more: block.more } : {};
      return { kind: 'list', lines: listLines(block.items), ...more };
    }
    return { kind: 'content', blocks: renderPlainBlock(block) };
  });
}

/** The notification text: the core's summary, escaped, within Slack's advice for `text`. */
export function fallbackText(reply: Reply): string {
  const summary = reply.summary.trim() !== '' ? reply.summary : 'agendabot';
  return truncateMrkdwn(escapeText(summary), SLACK_LIMITS.fallbackText);
}
