/**
 * A core `Reply` as a Discord message: embeds (the rich answer, laid out and fitted by
 * the rule in `embed-limits.ts`, applied last), a plain `content`
 * fallback (the reply's summary, for notifications and for readers who hide embeds),
 * and rows of buttons. `allowed_mentions` never parses text: mention spans show as
 * names without a ping, and only the users in `reply.notify` are pinged.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import {
  closingSmallPrintStart,
  needsOriginLabel,
  type Block,
  type Button,
  type ListItem,
  type Reply,
} from '../../src/core/message.js';
import { cutText, fitEmbeds, type EmbedInput, type EmbedPiece } from './embed-limits.js';
import { escapeMarkdown, linkMarkdown, spansToMarkdown } from './markdown.js';

export const CONTENT_LIMIT = 2000;
export const CUSTOM_ID_LIMIT = 100;
const BUTTON_LABEL_LIMIT = 80;
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const EMBED_COLOR = 0x3b6ea8;
const NOTHING_TO_SHOW = 'Done.';

export interface RenderedMessage {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
  /** Never parsed from text; only the users the reply means to notify. */
  readonly allowed_mentions: { readonly parse: []; readonly users?: string[] };
}

export interface Rendering {
  readonly message: RenderedMessage;
  readonly ephemeral: boolean;
  /** True when the embed was shortened to fit Discord's limits. */
  readonly cut: boolean;
  /** Buttons left out because their `action:value` id is longer than Discord allows. */
  readonly droppedButtons: readonly Button[];
}

/** The button's custom id: `action:value`. The first colon separates them. */
export function customIdOf(button: Pick<Button, 'action' | 'value'>): string {
  return `${button.action}:${button.value}`;
}

/** Splits a custom id back into action and value. */
export function parseCustomId(customId: string): { action: string; value: string } {
  const colon = customId.indexOf(':');
  return colon < 0
    ? { action: customId, value: '' }
    : { action: customId.slice(0, colon), value: customId.slice(colon + 1) };
}

export interface RenderOptions {
  /**
   * Plain footer text for the embed (never cut, as it goes through the same limits as the
   * rest); when set, the message always has an embed, so the footer has a place.
   */
  readonly footer?: string;
}

export function renderReply(reply: Reply, options: RenderOptions = {}): Rendering {
  const footer = options.footer !== undefined ? { footer: options.footer } : {};
  const { embeds, cut } = fitEmbeds({ ...embedInput(reply.blocks), ...footer });
  const { rows, dropped } = buttonRows(reply.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : [])));
  // Embeds never ping, so the people to notify are mentioned in the content.
  const notify = [...new Set(reply.notify ?? [])].filter((id) => /^\d{5,20}$/u.test(id));
  const mentions = notify.map((id) => `<@${id}> `).join('');
  return {
    message: {
      content: contentOf(mentions + escapeMarkdown(reply.summary), embeds.length + rows.length > 0),
      embeds,
      components: rows,
      allowed_mentions: notify.length > 0 ? { parse: [], users: notify } : { parse: [] },
    },
    ephemeral: reply.visibility === 'ephemeral',
    cut,
    droppedButtons: dropped,
  };
}

/** The reply's blocks as a title and pieces in order; trailing small print is kept whatever the length. */
function embedInput(blocks: readonly Block[]): EmbedInput {
  let title: string | undefined;
  const pieces: EmbedPiece[] = [];
  const firstKept = closingSmallPrintStart(blocks);
  blocks.forEach((block, index) => {
    const paragraph = (text: string): void => {
      pieces.push({ kind: 'paragraph', text, ...(index >= firstKept ? { keep: true } : {}) });
    };
    switch (block.kind) {
      case 'heading':
        if (title === undefined && pieces.length === 0 && block.text.trim() !== '') title = escapeMarkdown(block.text);
        else if (block.text.trim() !== '') paragraph(`**${escapeMarkdown(block.text)}**`);
        break;
      case 'text':
        paragraph(spansToMarkdown(block.spans));
        break;
      case 'fields':
        for (const field of block.fields) {
          const value = spansToMarkdown(field.value);
          const name = escapeMarkdown(field.label);
          pieces.push({ kind: 'field', name, value: value === '' ? '-' : value, inline: value.length <= 40 });
        }
        break;
      case 'list':
        paragraph(listMarkdown(block.items, block.more));
        break;
      case 'links':
        paragraph(block.links.map((l) => linkMarkdown(l.text, l.url)).join(' · '));
        break;
      case 'context': {
        const text = spansToMarkdown(block.spans);
        if (text.trim() !== '') paragraph(`*${text}*`);
        break;
      }
      case 'divider':
        paragraph('───');
        break;
      case 'buttons':
        break;
    }
  });
  return { ...(title !== undefined ? { title } : {}), pieces, color: EMBED_COLOR };
}

/**
 * Questions carry their origin in words, so a prompt is never mistaken for the paper's.
 * The core usually says it in the item's text already; the label fills in when not.
 */
export function originLabel(item: ListItem): string {
  if (!needsOriginLabel(item)) return '';
  return item.origin === 'paper' ? ' (from the paper)' : ' (discussion prompt, ours)';
}

function listMarkdown(items: readonly ListItem[], more: string | undefined): string {
  const lines = items.map(
    (item) => `• \`${item.id.replace(/`/gu, 'ˋ')}\`${originLabel(item)} ${spansToMarkdown(item.text)}`,
  );
  if (more !== undefined && more.trim() !== '') lines.push(`*${escapeMarkdown(more)}*`);
  return lines.join('\n');
}

/** The plain content; a message with nothing else to show must still say something. */
function contentOf(text: string, hasMore: boolean): string {
  if (text.trim() !== '' || hasMore) return cutText(text, CONTENT_LIMIT);
  return NOTHING_TO_SHOW;
}

function buttonRows(buttons: readonly Button[]): { rows: RenderedMessage['components']; dropped: Button[] } {
  const dropped: Button[] = [];
  const fitting: APIButtonComponent[] = [];
  const seen = new Set<string>();
  for (const button of buttons) {
    const customId = customIdOf(button);
    // Discord refuses a custom id over 100 characters, or used twice in one message.
    if (customId.length > CUSTOM_ID_LIMIT || seen.has(customId) || fitting.length >= BUTTONS_PER_ROW * MAX_ROWS) {
      dropped.push(button);
      continue;
    }
    seen.add(customId);
    fitting.push({
      type: ComponentType.Button,
      custom_id: customId,
      // Discord refuses a button with neither label nor emoji; the action names what it does.
      label: cutText(button.label.trim() === '' ? button.action : button.label, BUTTON_LABEL_LIMIT),
      style:
        button.style === 'primary'
          ? ButtonStyle.Primary
          : button.style === 'danger'
            ? ButtonStyle.Danger
            : ButtonStyle.Secondary,
    });
  }
  const rows: RenderedMessage['components'] = [];
  for (let i = 0; i < fitting.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: fitting.slice(i, i + BUTTONS_PER_ROW) });
  }
  return { rows, dropped };
}
