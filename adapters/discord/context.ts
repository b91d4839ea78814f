/**
 * What the core needs to know about an interaction: who (actor), where (conversation,
 * with a thread's parent as the channel), and the typed option values of the
 * subcommand, keyed as the registry declares them.
 */
import type { BaseInteraction, ChatInputCommandInteraction, AutocompleteInteraction } from 'discord.js';
import type { AnyArgs, SubcommandSpec } from '../../src/core/commands/spec.js';
import type { CommandContext, ConversationRef } from '../../src/core/context.js';

/** The tenant of an interaction outside a guild. Commands are published for guilds only, so this is a fallback. */
function tenantOf(interaction: BaseInteraction): string {
  return interaction.guildId ?? `dm:${interaction.user.id}`;
}

export function contextOf(interaction: BaseInteraction): CommandContext {
  const tenantId = tenantOf(interaction);
  const channel = interaction.channel;
  const channelId = interaction.channelId ?? '';
  const conversation: ConversationRef =
    channel?.isThread() === true && channel.parentId !== null
      ? { platform: 'discord', tenantId, channelId: channel.parentId, threadId: channel.id }
      : { platform: 'discord', tenantId, channelId };
  const member = interaction.member;
  const displayName =
    (member && 'displayName' in member ? member.displayName : undefined) ??
    interaction.user.globalName ??
    interaction.user.username;
  return {
    actor: { platform: 'discord', tenantId, userId: interaction.user.id, displayName },
    conversation,
    isDirect: interaction.guildId === null,
  };
}

/** `digest preview` for a subcommand in a group, `search` otherwise. */
export function subcommandNameOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false) ?? '';
  return group ? `${group} ${sub}` : sub;
}

/** Option values by declared name: strings, numbers for integers, ids for channels and users. */
export function argsOf(interaction: ChatInputCommandInteraction, spec: SubcommandSpec | undefined): AnyArgs {
  const args: Record<string, string | number | undefined> = {};
  for (const option of spec?.options ?? []) {
    const value = interaction.options.get(option.name)?.value;
    if (typeof value === 'string' || typeof value === 'number') args[option.name] = value;
  }
  return args;
}
