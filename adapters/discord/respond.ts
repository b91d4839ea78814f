/**
 * Core answers as interaction responses: a Reply after a deferred command, an
 * ActionResult after a button or a form, and a Modal as Discord modal JSON.
 */
import {
  ComponentType,
  MessageFlags,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { ActionResult, Modal, Reply } from '../../src/core/message.js';
import type { Logger } from '../../src/log.js';
import { cutText } from './embed-limits.js';
import { customIdOf, renderReply, type RenderedMessage, type Rendering } from './render.js';
import { renderOnceIfKept } from '../../src/core/reply-memo.js';
import { headOf } from '../../src/core/text/cut.js';
import { replyOnce } from './kept-callback.js';

const MODAL_TITLE_LIMIT = 45;
const MODAL_FIELDS_LIMIT = 5;
const TEXT_INPUT_LIMIT = 4000;

/**
 * Already in Discord's API shape (snake_case keys), handed to discord.js as JSON-encodables: it
 * sends those as they are, where it would copy a plain object key by key into snake_case (25–55 µs
 * for one lookup reply's embeds and buttons, on the way to the user).
 */
function encodable<T>(value: T): { toJSON(): T } {
  return { toJSON: () => value };
}

/** The message as discord.js options for edits (which cannot change visibility). */
function edit(message: RenderedMessage) {
  return {
    content: message.content,
    embeds: message.embeds.map(encodable),
    components: message.components.map(encodable),
    allowedMentions: message.allowed_mentions,
  };
}

/** The message as discord.js options for a new reply or follow-up. */
function send(message: RenderedMessage, ephemeral: boolean) {
  return { ...edit(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) };
}

/** `renderReply`, once for each of the core's kept replies. */
const renderedOnce = renderOnceIfKept<Rendering>(renderReply);

/** The reply rendered for Discord; shortened replies and dropped buttons are logged. */
export function rendered(reply: Reply, logger: Logger) {
  const rendering = renderedOnce(reply);
  // Debug, not info: `help` is shortened on every call, and a log line per request showed in the profile.
  if (rendering.cut) {
    logger.debug({ summary: headOf(reply.summary, 80) }, 'reply shortened to fit Discord embed limits');
  }
  if (rendering.droppedButtons.length > 0) {
    logger.warn(
      { buttons: rendering.droppedButtons.map((b) => b.action) },
      'buttons left out: custom id over 100 characters',
    );
  }
  return rendering;
}

/**
 * Answers a command whose reply was deferred as ephemeral. A public reply cannot come
 * from an ephemeral deferral, so it is posted as a follow-up and the placeholder removed.
 */
export async function answerDeferredCommand(
  interaction: ChatInputCommandInteraction,
  reply: Reply,
  logger: Logger,
): Promise<void> {
  const { message, ephemeral } = rendered(reply, logger);
  if (ephemeral) {
    await interaction.editReply(edit(message));
    return;
  }
  await interaction.followUp(send(message, false));
  await interaction.deleteReply();
}

/** Answers a command that was not deferred, in the first interaction callback (one round trip). */
export async function answerCommand(
  interaction: ChatInputCommandInteraction,
  reply: Reply,
  logger: Logger,
): Promise<void> {
  const { message, ephemeral } = rendered(reply, logger);
  await replyOnce(interaction, reply, () => send(message, ephemeral), ephemeral);
}

/** Answers a button press or a form with what the core asked for. */
export async function answerAction(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  result: ActionResult,
  logger: Logger,
): Promise<void> {
  if (result.modal) {
    if (interaction.isButton() && !interaction.deferred) {
      await interaction.showModal(modalJson(result.modal));
      return;
    }
    logger.warn({ modal: result.modal.id }, 'a form can only open as the first answer to a button');
    if (interaction.deferred) {
      await interaction.followUp({
        content: 'That took too long to open the form. Please press the button again.',
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    }
  }
  const canUpdate = interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());
  if (result.update && canUpdate) {
    const { message } = rendered(result.update, logger);
    if (interaction.deferred) await interaction.editReply(edit(message));
    else if (interaction.isButton() || interaction.isFromMessage()) await interaction.update(edit(message));
  }
  const reply = result.reply ?? (result.update && !canUpdate ? result.update : undefined);
  if (reply) {
    const { message, ephemeral } = rendered(reply, logger);
    if (interaction.deferred || interaction.replied) await interaction.followUp(send(message, ephemeral));
    else await interaction.reply(send(message, ephemeral));
  }
  if (!interaction.deferred && !interaction.replied) await interaction.deferUpdate();
}

/** A core form as Discord modal JSON: text inputs inside label components. */
export function modalJson(modal: Modal): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customIdOf({ action: modal.id, value: modal.value }),
    title: cutText(modal.title, MODAL_TITLE_LIMIT),
    components: modal.fields.slice(0, MODAL_FIELDS_LIMIT).map((field) => ({
      type: ComponentType.Label as const,
      label: cutText(field.label, MODAL_TITLE_LIMIT),
      component: {
        type: ComponentType.TextInput as const,
        custom_id: field.id,
        style: field.style === 'short' ? TextInputStyle.Short : TextInputStyle.Paragraph,
        required: field.required,
        max_length: Math.min(field.maxLength, TEXT_INPUT_LIMIT),
      },
    })),
  };
}
