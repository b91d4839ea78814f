/**
 * The registry: every command, button action, form and completer the bot knows,
 * assembled from the features' declarations. Adapters register from it (Slack manifest,
 * Discord command JSON, shell help), so handlers and published definitions cannot drift.
 */
import type { Registry } from '../dispatcher.js';
import type { CommandDeclaration, Feature } from '../features/declaration.js';
import { makeShareAction } from './share.js';
import type { CommandSpec, SubcommandSpec } from './spec.js';

export interface RegistryOptions {
  /** The command whose `shareable` subcommands the Share button re-runs (its value has no command name). */
  readonly shareCommand: string;
}

export function buildRegistry(features: readonly Feature[], options: RegistryOptions): Registry {
  const commands: CommandSpec[] = [];
  const all = (): readonly CommandSpec[] => commands;
  for (const declaration of features.flatMap((f) => f.commands ?? [])) {
    commands.push(assembleCommand(declaration, features, all));
  }
  const shareFrom = (): CommandSpec => {
    const command = commands.find((c) => c.name === options.shareCommand);
    if (!command) throw new Error(`the share command /${options.shareCommand} is not declared by any feature`);
    return command;
  };
  return {
    commands,
    actions: [makeShareAction(shareFrom), ...features.flatMap((f) => f.actions ?? [])],
    modals: features.flatMap((f) => f.modals ?? []),
    completers: features.flatMap((f) => f.completers ?? []),
    messages: features.flatMap((f) => (f.messages ? [f.messages] : [])),
  };
}

function assembleCommand(
  declaration: CommandDeclaration,
  features: readonly Feature[],
  all: () => readonly CommandSpec[],
): CommandSpec {
  const joined = features.flatMap((f) => f.subcommands?.[declaration.name] ?? []);
  const subcommands: SubcommandSpec[] = [];
  const command: CommandSpec = {
    name: declaration.name,
    description: declaration.description,
    defaultSubcommand: declaration.defaultSubcommand,
    subcommands,
  };
  if (declaration.help) subcommands.push(declaration.help(() => command, all));
  subcommands.push(...joined);
  return command;
}
