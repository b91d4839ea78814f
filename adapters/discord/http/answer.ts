/**
 * An HTTP interaction answered the way the gateway path answers it (`interactions.ts`,
 * `respond.ts`): the same dispatcher calls, budgets and renderers. The difference is
 * where the first answer goes: into the HTTP response (a message, an update, a form or
 * choices), or, when the core is slower than the budget, a deferral there and the rest
 * through the interaction's webhook once the work is done.
 */
import {
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
} from 'discord.js';
import type { ActionResult } from '../../../src/core/message.js';
import { REPLY_BUDGET_MS, withinBudget } from '../../../src/reply-budget.js';
import type { InteractionDeps } from '../interactions.js';
import { parseCustomId } from '../render.js';
import { modalJson, rendered } from '../respond.js';
import { focusedOf, modalFieldsOf, rawArgsOf, rawContextOf, rawSubcommandOf } from './raw-context.js';
import { messageBody, type InteractionWebhook } from './webhook.js';

/** The callback body for the HTTP response. */
export interface HttpResponse {
  readonly type: InteractionResponseType;
  readonly data?: object;
}

export interface HttpAnswer {
  readonly response: HttpResponse;
  /** What is left once the response is sent: an edit or follow-ups through the webhook. */
  readonly after?: () => Promise<void>;
}

/** How long a button or form may run before it is acknowledged first, as on the gateway path. */
const ACTION_DEADLINE_MS = 2000;

/** The answer for a supported interaction; undefined for kinds the bot never registers. */
export async function answerInteraction(
  interaction: APIInteraction,
  deps: InteractionDeps,
  hook: InteractionWebhook,
): Promise<HttpAnswer | undefined> {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { response: { type: InteractionResponseType.Pong } };
    case InteractionType.ApplicationCommand:
      return interaction.data.type === ApplicationCommandType.ChatInput
        ? onCommand(interaction as APIChatInputApplicationCommandInteraction, deps, hook)
        : undefined;
    case InteractionType.ApplicationCommandAutocomplete:
      return onAutocomplete(interaction, deps);
    case InteractionType.MessageComponent:
      return interaction.data.component_type === ComponentType.Button
        ? onAction(interaction as APIMessageComponentButtonInteraction, deps, hook)
        : undefined;
    case InteractionType.ModalSubmit:
      return onAction(interaction, deps, hook);
  }
}

async function onCommand(
  interaction: APIChatInputApplicationCommandInteraction,
  deps: InteractionDeps,
  hook: InteractionWebhook,
): Promise<HttpAnswer> {
  const { name, leaves } = rawSubcommandOf(interaction.data.options);
  const command = interaction.data.name;
  const spec = deps.dispatcher.command(command)?.subcommands.find((s) => s.name === name);
  const work = deps.dispatcher.run(command, name, rawArgsOf(leaves, spec), rawContextOf(interaction));
  const quick = await withinBudget(work, deps.replyBudgetMs ?? REPLY_BUDGET_MS);
  if (quick !== 'late') {
    const { message, ephemeral } = rendered(quick.value, deps.logger);
    return {
      response: { type: InteractionResponseType.ChannelMessageWithSource, data: messageBody(message, ephemeral) },
    };
  }
  // Too slow for the HTTP response: acknowledge now (Discord waits 3 s), answer by an edit.
  return {
    response: deferredReply,
    after: async () => {
      const { message, ephemeral } = rendered(await work, deps.logger);
      await finishDeferredReply(hook, message, ephemeral);
    },
  };
}

const deferredReply: HttpResponse = {
  type: InteractionResponseType.DeferredChannelMessageWithSource,
  data: { flags: MessageFlags.Ephemeral },
};

/** A public reply cannot come from an ephemeral deferral: it is a follow-up, and the placeholder goes. */
async function finishDeferredReply(
  hook: InteractionWebhook,
  message: Parameters<InteractionWebhook['editOriginal']>[0],
  ephemeral: boolean,
): Promise<void> {
  if (ephemeral) {
    await hook.editOriginal(message);
    return;
  }
  await hook.followUp(message, false);
  await hook.deleteOriginal();
}

async function onAutocomplete(
  interaction: APIApplicationCommandAutocompleteInteraction,
  deps: InteractionDeps,
): Promise<HttpAnswer> {
  const { name, leaves } = rawSubcommandOf(interaction.data.options);
  const focused = focusedOf(leaves);
  const spec = deps.dispatcher.command(interaction.data.name)?.subcommands.find((s) => s.name === name);
  const source = spec?.options.find((o) => o.name === focused?.name)?.autocomplete;
  const choices =
    source !== undefined && focused !== undefined
      ? await deps.dispatcher.complete(source, focused.value, rawContextOf(interaction))
      : [];
  return {
    response: {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: choices.map((c) => ({ name: c.name, value: c.value })) },
    },
  };
}

async function onAction(
  interaction: APIMessageComponentButtonInteraction | APIModalSubmitInteraction,
  deps: InteractionDeps,
  hook: InteractionWebhook,
): Promise<HttpAnswer> {
  const { action, value } = parseCustomId(interaction.data.custom_id);
  const context = rawContextOf(interaction);
  const isButton = interaction.type === InteractionType.MessageComponent;
  const work = isButton
    ? deps.dispatcher.press(action, value, context, { messageId: interaction.message.id })
    : deps.dispatcher.submit(action, value, modalFieldsOf(interaction.data.components), context);
  // A form opened from a message's button can update that message; one opened from a command cannot.
  const canUpdate = interaction.message !== undefined;
  const quick = await withinBudget(work, deps.actionDeadlineMs ?? ACTION_DEADLINE_MS);
  if (quick !== 'late') return firstActionAnswer(quick.value, { canUpdate, canOpenForm: isButton }, hook, deps);
  return {
    response: canUpdate ? { type: InteractionResponseType.DeferredMessageUpdate } : deferredReply,
    after: async () => lateActionAnswer(await work, canUpdate, hook, deps),
  };
}

/** What the core asked for, in the HTTP response, with a reply beside an update as a follow-up. */
function firstActionAnswer(
  result: ActionResult,
  can: { readonly canUpdate: boolean; readonly canOpenForm: boolean },
  hook: InteractionWebhook,
  deps: InteractionDeps,
): HttpAnswer {
  if (result.modal && can.canOpenForm)
    return { response: { type: InteractionResponseType.Modal, data: modalJson(result.modal) } };
  if (result.modal)
    deps.logger.warn({ modal: result.modal.id }, 'a form can only open as the first answer to a button');
  const reply = result.reply ?? (result.update && !can.canUpdate ? result.update : undefined);
  const replied = reply ? rendered(reply, deps.logger) : undefined;
  if (result.update && can.canUpdate) {
    const { message } = rendered(result.update, deps.logger);
    return {
      response: { type: InteractionResponseType.UpdateMessage, data: messageBody(message, false) },
      ...(replied ? { after: () => hook.followUp(replied.message, replied.ephemeral) } : {}),
    };
  }
  if (replied) {
    const data = messageBody(replied.message, replied.ephemeral);
    return { response: { type: InteractionResponseType.ChannelMessageWithSource, data } };
  }
  return { response: { type: InteractionResponseType.DeferredMessageUpdate } };
}

/** After a deferral: the message's update by an edit, a reply as a follow-up, a form no longer possible. */
async function lateActionAnswer(
  result: ActionResult,
  canUpdate: boolean,
  hook: InteractionWebhook,
  deps: InteractionDeps,
): Promise<void> {
  if (result.modal) {
    deps.logger.warn({ modal: result.modal.id }, 'a form can only open as the first answer to a button');
    const text = 'That took too long to open the form. Please press the button again.';
    await hook.followUp({ content: text, embeds: [], components: [], allowed_mentions: { parse: [] } }, true);
  }
  const reply = result.reply ?? (result.update && !canUpdate ? result.update : undefined);
  if (!canUpdate) {
    // Deferred as an ephemeral reply (a form from a command): the reply replaces the placeholder.
    if (reply === undefined) await hook.deleteOriginal();
    else {
      const { message, ephemeral } = rendered(reply, deps.logger);
      await finishDeferredReply(hook, message, ephemeral);
    }
    return;
  }
  if (result.update) await hook.editOriginal(rendered(result.update, deps.logger).message);
  if (reply) {
    const { message, ephemeral } = rendered(reply, deps.logger);
    await hook.followUp(message, ephemeral);
  }
}
