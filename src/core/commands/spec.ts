/**
 * Commands are declared once, as typed data, and registered on every platform from
 * the same declaration: Slack and the shell parse free text against it (`parse-text.ts`),
 * Discord maps it to slash-command options, and help text is generated from it.
 */
import type { ChannelMessage } from '../channel-message.js';
import type { CommandContext } from '../context.js';
import type { ActionResult, Reply } from '../message.js';
import type { Services } from '../services.js';
import type { Completion, CompletionSource } from '../completion.js';

export type OptionKind = 'string' | 'integer' | 'channel' | 'user';

/** Declared beside the built-in completion, which imports nothing from here. */
export type { CompletionSource } from '../completion.js';

export interface OptionSpec {
  readonly name: string;
  readonly kind: OptionKind;
  readonly description: string;
  readonly required?: boolean;
  /**
   * How the option is written in text (Slack, shell):
   * - `positional`: the next bare word (or "quoted words");
   * - `rest`: all remaining bare words, joined by spaces;
   * - `keyed`: `name=value` or `name:value` anywhere in the line.
   * Channel and user options are filled only by references the adapter recognised
   * (`parse-text.ts`), anywhere in the line, or by `key=` followed by one when keyed.
   */
  readonly syntax: 'positional' | 'rest' | 'keyed';
  readonly choices?: readonly string[];
  readonly autocomplete?: CompletionSource;
  readonly min?: number;
  readonly max?: number;
}

/** Argument values as they arrive: raw strings (integers as numbers); commands validate them. */
export type ArgsOf<Options extends readonly OptionSpec[]> = {
  readonly [O in Options[number] as O['name']]: O['required'] extends true
    ? O['kind'] extends 'integer'
      ? number
      : string
    : (O['kind'] extends 'integer' ? number : string) | undefined;
};

export type AnyArgs = Readonly<Record<string, string | number | undefined>>;

export interface SubcommandSpec<Options extends readonly OptionSpec[] = readonly OptionSpec[]> {
  /** One word, or two for a group (`digest preview` becomes group `digest`, subcommand `preview` on Discord). */
  readonly name: string;
  readonly description: string;
  /** Shown in help, e.g. `/agenda challenge 3.5`. */
  readonly examples: readonly string[];
  readonly options: Options;
  /**
   * Its replies carry a Share button, which re-runs it from the button's value and posts
   * the result in the channel. Only for read-only subcommands: a button value can be forged.
   */
  readonly shareable?: boolean;
  run(ctx: CommandContext, args: ArgsOf<Options>, services: Services): Reply | Promise<Reply>;
}

export interface CommandSpec {
  /** The slash command without its slash: `agenda`, `readinggroup`. */
  readonly name: string;
  readonly description: string;
  /** Run for the bare command (`/agenda` alone). */
  readonly defaultSubcommand: string;
  readonly subcommands: readonly SubcommandSpec[];
}

/** Declares a subcommand with its argument types inferred from its options. */
export function defineSubcommand<const Options extends readonly OptionSpec[]>(
  spec: SubcommandSpec<Options>,
): SubcommandSpec {
  return spec;
}

/** A button press. `action` is the button's action name; `value` its data. */
export interface ActionSpec {
  readonly action: string;
  run(
    ctx: CommandContext,
    value: string,
    services: Services,
    source: ActionSource,
  ): ActionResult | Promise<ActionResult>;
}

/** Where the pressed button was: the message that carries it, when the platform says. */
export interface ActionSource {
  readonly messageId?: string;
}

/**
 * Autocomplete for a source the agenda does not own (`subscription`, `group`): the
 * feature that owns the data lists what this asker may pick. Agenda sources are built in
 * (`core/completion.ts`); a completer declared for one of them replaces the built-in.
 */
export interface CompleterSpec {
  readonly source: CompletionSource;
  complete(
    ctx: CommandContext,
    partial: string,
    services: Services,
  ): readonly Completion[] | Promise<readonly Completion[]>;
}

/**
 * Reads messages written in channels the bot is in (only where the operator turned that
 * on). Returns the reply to post in the message's thread, or nothing.
 */
export interface MessageSpec {
  readonly name: string;
  run(message: ChannelMessage, services: Services): Reply | undefined | Promise<Reply | undefined>;
}

export interface ModalSpec {
  readonly modal: string;
  run(
    ctx: CommandContext,
    value: string,
    fields: Readonly<Record<string, string>>,
    services: Services,
  ): ActionResult | Promise<ActionResult>;
}
