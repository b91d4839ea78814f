/**
 * The one error boundary for Discord interactions. Slash commands go to
 * `dispatcher.run` and are answered with content in the first callback when the core
 * answers within the reply budget; only a slower answer is deferred first, so it never
 * misses Discord's 3 seconds.
 * autocomplete to `dispatcher.complete`, buttons to `dispatcher.press`, forms to
 * `dispatcher.submit`. The core already turns its own failures into replies; anything
 * that fails here (Discord refusing a call, a bug in this adapter) is logged with a
 * reference id, and the user gets a short reply with that id, never the error itself.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { internalErrorText, referenceId } from '../../src/core/errors.js';
import type { ActionResult } from '../../src/core/message.js';
import type { Logger } from '../../src/log.js';
import { argsOf, contextOf, subcommandNameOf } from './context.js';
import { errorFields } from './errors.js';
import { parseCustomId } from './render.js';
import { REPLY_BUDGET_MS, withinBudget } from '../../src/reply-budget.js';
import { answerAction, answerCommand, answerDeferredCommand } from './respond.js';
import { respondOnce } from './kept-choices.js';

export interface InteractionDeps {
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** How long a button's action may run before the press is acknowledged first (ms). */
  readonly actionDeadlineMs?: number;
  /** How long a command may run before it is deferred and answered by an edit (ms). */
  readonly replyBudgetMs?: number;
}

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await onCommand(interaction, deps);
    else if (interaction.isAutocomplete()) await onAutocomplete(interaction, deps);
    else if (interaction.isButton()) await onButton(interaction, deps);
    else if (interaction.isModalSubmit()) await onModal(interaction, deps);
  } catch (error) {
    const ref = referenceId();
    deps.logger.error(
      {
        ref,
        platform: 'discord',
        kind: interaction.type,
        tenantId: interaction.guildId,
        userId: interaction.user.id,
        err: errorFields(error),
      },
      'discord interaction failed',
    );
    await tellUser(interaction, ref, deps.logger);
  }
}

async function onCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const name = subcommandNameOf(interaction);
  const spec = deps.dispatcher.command(interaction.commandName)?.subcommands.find((s) => s.name === name);
  const work = deps.dispatcher.run(interaction.commandName, name, argsOf(interaction, spec), contextOf(interaction));
  const quick = await withinBudget(work, deps.replyBudgetMs ?? REPLY_BUDGET_MS);
  if (quick !== 'late') {
    await answerCommand(interaction, quick.value, deps.logger);
    return;
  }
  // Too slow for one round trip: acknowledge now (Discord waits 3 s), answer by an edit.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await answerDeferredCommand(interaction, await work, deps.logger);
}

async function onAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const name = subcommandNameOf(interaction);
  const spec = deps.dispatcher.command(interaction.commandName)?.subcommands.find((s) => s.name === name);
  const source = spec?.options.find((o) => o.name === focused.name)?.autocomplete;
  const choices = source ? await deps.dispatcher.complete(source, String(focused.value), contextOf(interaction)) : [];
  await respondOnce(interaction, choices);
}

async function onButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const { action, value } = parseCustomId(interaction.customId);
  const work = deps.dispatcher.press(action, value, contextOf(interaction), { messageId: interaction.message.id });
  const result = await withDeadline(work, deps.actionDeadlineMs ?? 2000, () => interaction.deferUpdate());
  await answerAction(interaction, result, deps.logger);
}

async function onModal(interaction: ModalSubmitInteraction, deps: InteractionDeps): Promise<void> {
  const { action, value } = parseCustomId(interaction.customId);
  const fields: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) {
    if ('value' in field && typeof field.value === 'string') fields[id] = field.value;
  }
  const result = await deps.dispatcher.submit(action, value, fields, contextOf(interaction));
  await answerAction(interaction, result, deps.logger);
}

/** Runs `work`; if it is not done by `ms`, calls `acknowledge` (once) and keeps waiting. */
async function withDeadline(
  work: Promise<ActionResult>,
  ms: number,
  acknowledge: () => Promise<unknown>,
): Promise<ActionResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first !== 'late') return first;
  await acknowledge();
  return work;
}

/** The reference-id reply, by whatever way is still open; a failure here is only logged. */
async function tellUser(interaction: Interaction, ref: string, logger: Logger): Promise<void> {
  if (!interaction.isRepliable()) return;
  const message = {
    content: internalErrorText(ref),
    flags: MessageFlags.Ephemeral as const,
    allowedMentions: { parse: [] },
  };
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (error) {
    logger.warn({ ref, err: errorFields(error) }, 'could not tell the user about a failed interaction');
  }
}
