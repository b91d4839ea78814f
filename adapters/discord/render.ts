/**
 * A core `Reply` as a Discord message: one embed (the rich answer), a plain `content`
 * fallback (the reply's summary, for notifications and for readers who hide embeds),
 * and rows of buttons. `allowed_mentions` never parses text: mention spans show as
 * names without a ping, and only the users in `reply.notify` are pinged.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from 'discord.js';
import { needsOriginLabel, type Block, type Button, type ListItem, type Reply } from '../../src/core/message.js';
import { cutText, fitEmbed } from './embed-limits.js';
import { escapeMarkdown, linkMarkdown, spansToMarkdown } from './markdown.js';

export const CONTENT_LIMIT = 2000;
export const CUSTOM_ID_LIMIT = 100;
const BUTTON_LABEL_LIMIT = 80;
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const EMBED_COLOR = 0x3b6ea8;

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
  return colon < 0 ? { action: customId, value: '' } : { action: customId.slice(0, colon), value: customId.slice(colon + 1) };
}

export interface RenderOptions {
  /**
   * Plain footer text for the embed (never cut, as it goes through the same limits as the
   * rest); when set, the message always has an embed, so the footer has a place.
   */
  readonly footer?: string;
}

export function renderReply(reply: Reply, options: RenderOptions = {}): Rendering {
  const footer = options.footer !== undefined ? { footer: { text: options.footer } } : {};
  const { embed, cut } = fitEmbed({ ...embedOf(reply.blocks), ...footer });
  const { rows, dropped } = buttonRows(reply.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : [])));
  const hasEmbed =
    embed.title !== undefined || embed.description !== undefined || embed.fields !== undefined || embed.footer !== undefined;
  // Embeds never ping, so the people to notify are mentioned in the content.
  const notify = [...new Set(reply.notify ?? [])].filter((id) => /^\d{5,20}$/u.test(id));
  const mentions = notify.map((id) => `<@${id}> `).join('');
  return {
    message: {
      content: cutText(mentions + escapeMarkdown(reply.summary), CONTENT_LIMIT),
      embeds: hasEmbed ? [embed] : [],
      components: rows,
      allowed_mentions: notify.length > 0 ? { parse: [], users: notify } : { parse: [] },
    },
    ephemeral: reply.visibility === 'ephemeral',
    cut,
    droppedButtons: dropped,
  };
}

function embedOf(blocks: readonly Block[]): APIEmbed {
  let title: string | undefined;
  const paragraphs: string[] = [];
  const fields: APIEmbedField[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        if (title === undefined && paragraphs.length === 0) title = block.text;
        else paragraphs.push(`**${escapeMarkdown(block.text)}**`);
        break;
      case 'text':
        paragraphs.push(spansToMarkdown(block.spans));
        break;
      case 'fields':
        for (const field of block.fields) {
          const value = spansToMarkdown(field.value);
          fields.push({ name: escapeMarkdown(field.label), value: value === '' ? '-' : value, inline: value.length <= 40 });
        }
        break;
      case 'list':
        paragraphs.push(listMarkdown(block.items, block.more));
        break;
      case 'links':
        paragraphs.push(block.links.map((l) => linkMarkdown(l.text, l.url)).join(' · '));
        break;
      case 'context':
        paragraphs.push(`*${spansToMarkdown(block.spans)}*`);
        break;
      case 'divider':
        paragraphs.push('───');
        break;
      case 'buttons':
        break;
    }
  }
  const description = paragraphs.filter((p) => p !== '').join('\n\n');
  return {
    color: EMBED_COLOR,
    ...(title !== undefined ? { title: escapeMarkdown(title) } : {}),
    ...(description !== '' ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
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
  const lines = items.map((item) => `• \`${item.id.replace(/`/gu, 'ˋ')}\`${originLabel(item)} ${spansToMarkdown(item.text)}`);
  if (more !== undefined) lines.push(`*${escapeMarkdown(more)}*`);
  return lines.join('\n');
}

function buttonRows(buttons: readonly Button[]): { rows: RenderedMessage['components']; dropped: Button[] } {
  const dropped: Button[] = [];
  const fitting: APIButtonComponent[] = [];
  for (const button of buttons) {
    const customId = customIdOf(button);
    if (customId.length > CUSTOM_ID_LIMIT || fitting.length >= BUTTONS_PER_ROW * MAX_ROWS) {
      dropped.push(button);
      continue;
    }
    fitting.push({
      type: ComponentType.Button,
      custom_id: customId,
      label: cutText(button.label, BUTTON_LABEL_LIMIT),
      style: button.style === 'primary' ? ButtonStyle.Primary : button.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary,
    });
  }
  const rows: RenderedMessage['components'] = [];
  for (let i = 0; i < fitting.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: fitting.slice(i, i + BUTTONS_PER_ROW) });
  }
  return { rows, dropped };
}
