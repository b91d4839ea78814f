/**
 * The registry as Discord application-command JSON: each `CommandSpec` a slash command,
 * each `SubcommandSpec` a subcommand, two-word names a subcommand group. Both the deploy
 * script and the interaction handler read this one mapping, so the published commands
 * and the handlers cannot drift apart. Discord's own rules are checked here, at build
 * time, with messages that name the offending declaration.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec, OptionSpec, SubcommandSpec } from '../../src/core/commands/spec.js';

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Thrown when a declaration breaks a Discord rule; says which one and where. */
export class CommandJsonError extends Error {
  override readonly name = 'CommandJsonError';
}

export function buildCommandJson(commands: readonly CommandSpec[]): CommandJson[] {
  return commands.map(commandJson);
}

function commandJson(command: CommandSpec): CommandJson {
  checkName(command.name, `/${command.name}`);
  const options: APIApplicationCommandOption[] = [];
  for (const sub of command.subcommands) {
    const [first = '', second] = sub.name.split(' ');
    if (second === undefined) {
      options.push(subcommandJson(command, sub, first));
      continue;
    }
    let group = options.find((o) => o.name === first);
    if (group === undefined) {
      group = {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: first,
        description: `${first} commands`,
        options: [],
      };
      options.push(group);
    }
    if (group.type !== ApplicationCommandOptionType.SubcommandGroup) {
      throw new CommandJsonError(
        `/${command.name} ${sub.name}: "${first}" is already a subcommand, so it cannot also be a group.`,
      );
    }
    (group.options ?? []).push(subcommandJson(command, sub, second));
  }
  const clash = options.find((o, i) => options.findIndex((p) => p.name === o.name) !== i);
  if (clash) throw new CommandJsonError(`/${command.name}: "${clash.name}" is declared twice.`);
  if (options.length > MAX_OPTIONS) {
    throw new CommandJsonError(
      `/${command.name} has ${options.length} subcommands and groups; Discord allows ${MAX_OPTIONS}.`,
    );
  }
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: checkDescription(command.description, `/${command.name}`),
    // Guilds only: a tenant is a server, and a DM with the bot belongs to none.
    contexts: [InteractionContextType.Guild],
    options,
  };
}

function subcommandJson(
  command: CommandSpec,
  sub: SubcommandSpec,
  leaf: string,
): APIApplicationCommandSubcommandOption {
  const where = `/${command.name} ${sub.name}`;
  checkName(leaf, where);
  if (sub.options.length > MAX_OPTIONS) throw new CommandJsonError(`${where} has more than ${MAX_OPTIONS} options.`);
  // Discord wants required options first; the declared order is kept otherwise.
  const ordered = [
    ...sub.options.filter((o) => o.required === true),
    ...sub.options.filter((o) => o.required !== true),
  ];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: leaf,
    description: checkDescription(sub.description, where),
    options: ordered.map((o) => optionJson(o, `${where} ${o.name}`)),
  };
}

function optionJson(option: OptionSpec, where: string): APIApplicationCommandBasicOption {
  checkName(option.name, where);
  const base = {
    name: option.name,
    description: checkDescription(option.description, where),
    required: option.required === true,
  };
  if (option.choices && option.autocomplete)
    throw new CommandJsonError(`${where}: choices and autocomplete cannot be combined.`);
  if (option.choices && option.choices.length > MAX_CHOICES)
    throw new CommandJsonError(`${where}: more than ${MAX_CHOICES} choices.`);
  switch (option.kind) {
    case 'string': {
      const typed = {
        ...base,
        type: ApplicationCommandOptionType.String as const,
        ...(option.min !== undefined ? { min_length: option.min } : {}),
        ...(option.max !== undefined ? { max_length: option.max } : {}),
      };
      if (option.autocomplete) return { ...typed, autocomplete: true };
      return option.choices ? { ...typed, choices: option.choices.map((c) => ({ name: c, value: c })) } : typed;
    }
    case 'integer': {
      const typed = {
        ...base,
        type: ApplicationCommandOptionType.Integer as const,
        ...(option.min !== undefined ? { min_value: option.min } : {}),
        ...(option.max !== undefined ? { max_value: option.max } : {}),
      };
      if (option.autocomplete) return { ...typed, autocomplete: true };
      return option.choices
        ? { ...typed, choices: option.choices.map((c) => ({ name: c, value: integerChoice(c, where) })) }
        : typed;
    }
    case 'channel':
      // Only channels the bot can post a question or a session into.
      return {
        ...base,
        type: ApplicationCommandOptionType.Channel,
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      };
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
  }
}

function integerChoice(choice: string, where: string): number {
  const value = Number(choice);
  if (!Number.isSafeInteger(value)) throw new CommandJsonError(`${where}: choice "${choice}" is not a whole number.`);
  return value;
}

function checkName(name: string, where: string): void {
  if (!NAME.test(name))
    throw new CommandJsonError(
      `${where}: "${name}" is not a valid Discord name (1-32 lower-case letters, digits, - or _).`,
    );
}

function checkDescription(description: string, where: string): string {
  if (description.length < 1 || description.length > 100) {
    throw new CommandJsonError(`${where}: the description must be 1-100 characters (it has ${description.length}).`);
  }
  return description;
}
