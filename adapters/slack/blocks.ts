/**
 * One neutral block → Slack Block Kit blocks, each already within Slack's per-block
 * limits. The message-wide limits (block count, total length) are applied in
 * `render.ts`, which needs lists as separate lines so that it can cut between items.
 */
import type { types } from '@slack/bolt';
import { needsOriginLabel, type Block, type Button, type ListItem } from '../../src/core/message.js';
import { escapeText, originLabel, renderLink, renderSpans } from './mrkdwn.js';
import { splitMrkdwn, truncateMrkdwn, truncatePlain } from './split.js';
import { headOf } from '../../src/core/text/cut.js';

/** A Block Kit block as the Slack SDK types it. */
export type SlackBlock = types.KnownBlock;

/** Slack's documented limits that this adapter relies on. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  /** Slack's guidance for the whole message; longer messages are cut. */
  totalText: 12000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextText: 3000,
  buttonsPerRow: 25,
  buttonLabel: 75,
  buttonValue: 2000,
  fallbackText: 3000,
} as const;

/** Prefix of every button action id this app renders, so presses route back to the core. */
export const ACTION_PREFIX = 'ab:';

/** A section block with mrkdwn text (the caller keeps it within 3,000 characters). */
export function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** A context block (small print), cut to Slack's limit. */
export function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.contextText) }] };
}

/** Renders every neutral block except lists (see `listLines`) and buttons (see `buttonRows`). */
export function renderPlainBlock(block: Exclude<Block, { kind: 'list' | 'buttons' }>): SlackBlock[] {
  switch (block.kind) {
    case 'heading':
      // Slack refuses empty texts, so empty blocks are left out rather than sent.
      if (block.text.trim() === '') return [];
      return [
        {
          type: 'header',
          text: { type: 'plain_text', text: truncatePlain(block.text, SLACK_LIMITS.headerText), emoji: true },
        },
      ];
    case 'text':
      return textSections(renderSpans(block.spans));
    case 'fields': {
      // Slack refuses empty texts: a field without a label shows its value alone, an empty one is left out.
      const fields = block.fields.flatMap((f) => {
        const label = f.label.trim() === '' ? '' : `*${escapeText(f.label)}*`;
        const text = [label, renderSpans(f.value)].filter((t) => t.trim() !== '').join('\n');
        return text === '' ? [] : [{ type: 'mrkdwn' as const, text: truncateMrkdwn(text, SLACK_LIMITS.fieldText) }];
      });
      const sections: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
        sections.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fieldsPerSection) });
      }
      return sections;
    }
    case 'links':
      return textSections(block.links.map((l) => renderLink(l.url, l.text)).join('  ·  '));
    case 'context': {
      const text = renderSpans(block.spans);
      return text.trim() === '' ? [] : [context(text)];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** Long text becomes several sections, each within the section limit. Empty text becomes none. */
export function textSections(text: string): SlackBlock[] {
  if (text.trim() === '') return [];
  return splitMrkdwn(text, SLACK_LIMITS.sectionText)
    .filter((piece) => piece.trim() !== '')
    .map(section);
}

/** Whether the item's own text already says where the question comes from (the core usually does). */
/**
 * One line per item: the id as code, the text, and where a question comes from,
 * said plainly here unless the core's text already says it.
 */
export function listLines(items: readonly ListItem[]): string[] {
  return items.map((item) => {
    const origin = item.origin && needsOriginLabel(item) ? `  ${originLabel(item.origin)}` : '';
    const line = `• \`${escapeText(item.id).replace(/`/gu, 'ˋ')}\`  ${renderSpans(item.text)}${origin}`;
    return truncateMrkdwn(line, SLACK_LIMITS.sectionText);
  });
}

/**
 * Buttons as `actions` rows. The action id carries the neutral action and the button's
 * index in the message (`ab:share:0`), because Slack needs action ids unique per message.
 */
export function buttonRows(buttons: readonly Button[], firstIndex: number): SlackBlock[] {
  const elements = buttons.map((b, i) => ({
    type: 'button' as const,
    action_id: `${ACTION_PREFIX}${b.action}:${firstIndex + i}`,
    // Slack refuses an empty value or label: no value is sent, and the action names the button.
    ...(b.value !== '' ? { value: headOf(b.value, SLACK_LIMITS.buttonValue) } : {}),
    text: {
      type: 'plain_text' as const,
      text: truncatePlain(b.label.trim() === '' ? b.action : b.label, SLACK_LIMITS.buttonLabel),
      emoji: true,
    },
    ...(b.style ? { style: b.style } : {}),
  }));
  const rows: SlackBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.buttonsPerRow) {
    rows.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** Reads a rendered action id back into the neutral action name. Null for ids that are not ours. */
export function parseActionId(actionId: string): string | null {
  if (!actionId.startsWith(ACTION_PREFIX)) return null;
  const body = actionId.slice(ACTION_PREFIX.length);
  const colon = body.lastIndexOf(':');
  if (colon <= 0 || !/^\d+$/u.test(body.slice(colon + 1))) return null;
  return body.slice(0, colon);
}

/** Visible characters of a block, counted against the message-wide budget. */
export function visibleLength(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return block.elements.reduce((n, e) => n + ('text' in e && typeof e.text === 'string' ? e.text.length : 0), 0);
    case 'actions':
      return block.elements.reduce((n, e) => n + ('text' in e && e.text ? e.text.text.length : 0), 0);
    default:
      return 0;
  }
}
