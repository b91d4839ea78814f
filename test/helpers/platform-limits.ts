/**
 * What Slack and Discord accept, written out from their documented limits, so tests can
 * list every way a rendered message would be refused. Each function returns the problems
 * found (empty when the message is valid), which makes failures say what broke.
 */
import type { APIEmbed } from 'discord.js';
import type { RenderedMessage } from '../../adapters/discord/render.js';
import type { SlackMessage } from '../../adapters/slack/render.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

function text(problems: string[], where: string, value: string | undefined, max: number, min = 1): void {
  if (value === undefined) return;
  if (value.length > max) problems.push(`${where}: ${value.length} characters, over ${max}`);
  if (value.trim().length < min) problems.push(`${where}: empty`);
  if (LONE_SURROGATE.test(value)) problems.push(`${where}: half a character (lone surrogate)`);
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0)
  );
}

export function discordProblems(message: RenderedMessage): string[] {
  const problems: string[] = [];
  const { embeds, components, content } = message;
  if (embeds.length > 10) problems.push(`${embeds.length} embeds, over 10`);
  const total = embeds.reduce((n, e) => n + embedLength(e), 0);
  if (total > 6000) problems.push(`embeds hold ${total} characters, over 6,000`);
  embeds.forEach((embed, i) => {
    if (
      embed.title === undefined &&
      embed.description === undefined &&
      embed.fields === undefined &&
      embed.footer === undefined
    ) {
      problems.push(`embed ${i}: empty`);
    }
    text(problems, `embed ${i} title`, embed.title, 256);
    text(problems, `embed ${i} description`, embed.description, 4096);
    text(problems, `embed ${i} footer`, embed.footer?.text, 2048);
    if ((embed.fields ?? []).length > 25) problems.push(`embed ${i}: ${embed.fields?.length} fields, over 25`);
    (embed.fields ?? []).forEach((f, j) => {
      text(problems, `embed ${i} field ${j} name`, f.name, 256);
      text(problems, `embed ${i} field ${j} value`, f.value, 1024);
    });
  });
  text(problems, 'content', content, 2000, embeds.length + components.length > 0 ? 0 : 1);
  if (components.length > 5) problems.push(`${components.length} rows of buttons, over 5`);
  const ids = new Set<string>();
  components.forEach((row, i) => {
    if (row.components.length > 5) problems.push(`row ${i}: ${row.components.length} buttons, over 5`);
    for (const button of row.components) {
      text(problems, `row ${i} button label`, 'label' in button ? button.label : undefined, 80);
      const id = 'custom_id' in button ? button.custom_id : '';
      text(problems, `row ${i} custom id`, id, 100);
      if (ids.has(id)) problems.push(`custom id ${id} used twice`);
      ids.add(id);
    }
  });
  return problems;
}

/** Every `<` opens markup that closes in the same text, with no `<` inside it. */
function markupProblems(where: string, value: string): string[] {
  let open = false;
  for (const char of value) {
    if (char === '<') {
      if (open) return [`${where}: markup opened inside markup`];
      open = true;
    } else if (char === '>') {
      if (!open) return [`${where}: markup closed that was never opened`];
      open = false;
    }
  }
  if (open) return [`${where}: markup left open (split link, mention or date)`];
  return /&[a-z#0-9]*$/u.test(value) ? [`${where}: entity cut at the end`] : [];
}

function mrkdwn(problems: string[], where: string, value: string, max: number): void {
  text(problems, where, value, max);
  problems.push(...markupProblems(where, value));
}

export function slackProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  mrkdwn(problems, 'text', message.text, 3000);
  const { blocks } = message;
  if (blocks.length < 1 || blocks.length > 50) problems.push(`${blocks.length} blocks, not 1 to 50`);
  let visible = 0;
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    if (block.type === 'section') {
      if (block.text) mrkdwn(problems, `block ${i} section`, block.text.text, 3000);
      if (!block.text && (block.fields ?? []).length === 0) problems.push(`block ${i}: section with no text`);
      if ((block.fields ?? []).length > 10) problems.push(`block ${i}: over 10 fields`);
      for (const f of block.fields ?? []) mrkdwn(problems, `block ${i} field`, f.text, 2000);
      visible += (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    } else if (block.type === 'header') {
      text(problems, `block ${i} header`, block.text.text, 150);
      visible += block.text.text.length;
    } else if (block.type === 'context') {
      if (block.elements.length < 1 || block.elements.length > 10)
        problems.push(`block ${i}: context with ${block.elements.length} elements`);
      for (const e of block.elements) {
        if ('text' in e && typeof e.text === 'string') {
          mrkdwn(problems, `block ${i} context`, e.text, 3000);
          visible += e.text.length;
        }
      }
    } else if (block.type === 'actions') {
      if (block.elements.length < 1 || block.elements.length > 25)
        problems.push(`block ${i}: ${block.elements.length} buttons`);
      for (const e of block.elements) {
        if (e.type !== 'button') continue;
        text(problems, `block ${i} button label`, e.text.text, 75);
        // A value is opaque data: any non-empty string, even blank, is accepted.
        if (e.value !== undefined) text(problems, `block ${i} button value`, e.value, 2000, 0);
        if (e.value === '') problems.push(`block ${i} button value: empty`);
        text(problems, `block ${i} action id`, e.action_id, 255);
        if (e.action_id !== undefined && actionIds.has(e.action_id))
          problems.push(`action id ${e.action_id} used twice`);
        if (e.action_id !== undefined) actionIds.add(e.action_id);
      }
    } else if (block.type !== 'divider') {
      problems.push(`block ${i}: unexpected type ${block.type}`);
    }
  });
  if (visible > 13000) problems.push(`${visible} characters of text, too long for one message`);
  return problems;
}
