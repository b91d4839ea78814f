/**
 * What the core needs from an interaction that arrived over HTTP, as raw API JSON: the
 * same actor, conversation, subcommand name and option values that `context.ts` reads
 * from a discord.js interaction on the gateway path, built from the payload alone (no
 * cache: the payload carries the channel, with a thread's parent).
 */
import {
  ApplicationCommandOptionType,
  ChannelType,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
} from 'discord.js';
import type { AnyArgs, SubcommandSpec } from '../../../src/core/commands/spec.js';
import type { CommandContext, ConversationRef } from '../../../src/core/context.js';

const THREAD_TYPES: readonly number[] = [
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
];

type RawOption = APIApplicationCommandInteractionDataOption;

/** Who and where, as `contextOf` builds it on the gateway path. */
export function rawContextOf(interaction: APIInteraction): CommandContext {
  const user = interaction.member?.user ?? interaction.user;
  const userId = user?.id ?? '';
  const guildId = interaction.guild_id;
  const tenantId = guildId ?? `dm:${userId}`;
  const channel = interaction.channel;
  const channelId = channel?.id ?? interaction.channel_id ?? '';
  const parentId = channel !== undefined && 'parent_id' in channel ? channel.parent_id : undefined;
  const conversation: ConversationRef =
    channel !== undefined && THREAD_TYPES.includes(channel.type) && typeof parentId === 'string'
      ? { platform: 'discord', tenantId, channelId: parentId, threadId: channelId }
      : { platform: 'discord', tenantId, channelId };
  const displayName = interaction.member?.nick ?? user?.global_name ?? user?.username ?? userId;
  return {
    actor: { platform: 'discord', tenantId, userId, displayName },
    conversation,
    isDirect: guildId === undefined,
  };
}

/** The subcommand as the registry names it (`digest preview` in a group) and its leaf options. */
export function rawSubcommandOf(options: readonly RawOption[] | undefined): { name: string; leaves: RawOption[] } {
  const first = options?.[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    const sub = first.options[0];
    return { name: `${first.name} ${sub?.name ?? ''}`, leaves: [...(sub?.options ?? [])] };
  }
  if (first?.type === ApplicationCommandOptionType.Subcommand)
    return { name: first.name, leaves: [...(first.options ?? [])] };
  return { name: '', leaves: [...(options ?? [])] };
}

/** Option values by declared name, as `argsOf`: strings, numbers, and ids for users and channels. */
export function rawArgsOf(leaves: readonly RawOption[], spec: SubcommandSpec | undefined): AnyArgs {
  const args: Record<string, string | number | undefined> = {};
  for (const option of spec?.options ?? []) {
    const leaf = leaves.find((l) => l.name === option.name);
    const value = leaf !== undefined && 'value' in leaf ? leaf.value : undefined;
    if (typeof value === 'string' || typeof value === 'number') args[option.name] = value;
  }
  return args;
}

/** The option the user is typing in, and its text so far. */
export function focusedOf(leaves: readonly RawOption[]): { name: string; value: string } | undefined {
  const leaf = leaves.find((l) => 'focused' in l && l.focused === true);
  return leaf !== undefined && 'value' in leaf ? { name: leaf.name, value: String(leaf.value) } : undefined;
}

/** A form's text values by field id, whether the inputs sit in labels (now) or action rows (before). */
export function modalFieldsOf(components: readonly unknown[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const { custom_id: id, value, component, components: children } = node as Record<string, unknown>;
    if (typeof id === 'string' && typeof value === 'string') fields[id] = value;
    visit(component);
    if (Array.isArray(children)) children.forEach(visit);
  };
  components.forEach(visit);
  return fields;
}
