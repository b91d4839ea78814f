/**
 * The one door into the core for adapters: commands (as text or as typed options),
 * button presses and modal submissions. It is also the one error boundary: a
 * UserError becomes a specific reply for the asker; anything else is logged with a
 * reference id and the asker sees only that id, never a stack trace.
 */
import type { CommandContext } from './context.js';
import { internalErrorText, isUserError, referenceId, UserError } from './errors.js';
import { ephemeralText, type ActionResult, type Reply } from './message.js';
import { parseCommandTokens, tokenize, type CommandToken } from './commands/parse-text.js';
import type {
  ActionSource,
  ActionSpec,
  AnyArgs,
  CommandSpec,
  CompleterSpec,
  CompletionSource,
  MessageSpec,
  ModalSpec,
  SubcommandSpec,
} from './commands/spec.js';
import type { ChannelMessage } from './channel-message.js';
import { complete, MAX_COMPLETIONS, type Completion } from './completion.js';
import type { Services } from './services.js';

export interface Registry {
  readonly commands: readonly CommandSpec[];
  readonly actions: readonly ActionSpec[];
  readonly modals: readonly ModalSpec[];
  /** Autocomplete for sources owned by features (subscriptions, groups). Optional. */
  readonly completers?: readonly CompleterSpec[];
  /** Readers of channel messages (inline references). Optional. */
  readonly messages?: readonly MessageSpec[];
}

export class Dispatcher {
  constructor(
    readonly registry: Registry,
    readonly services: Services,
  ) {}

  command(name: string): CommandSpec | undefined {
    return this.registry.commands.find((c) => c.name === name);
  }

  /**
   * Slack and the shell: `/agenda search jailbreak in:3.5` arrives as ('agenda', 'search jailbreak in:3.5'),
   * or as tokens when the adapter found people or channels in the text (see `parse-text.ts`).
   */
  runText(commandName: string, input: string | readonly CommandToken[], ctx: CommandContext): Promise<Reply> {
    const tokens = typeof input === 'string' ? tokenize(input.trim()) : input;
    return this.#guard(
      ctx,
      () => ({ command: commandName, text: tokens.map((t) => (typeof t === 'string' ? t : t.text)).join(' ') }),
      () => {
        const command = this.#require(commandName);
        const { subcommand, args } = parseCommandTokens(command, tokens);
        return subcommand.run(ctx, args as never, this.services);
      },
      (message) => ephemeralText(message),
    );
  }

  /** Discord: options arrive typed, the subcommand by name (`digest preview` for groups). */
  run(commandName: string, subcommandName: string, args: AnyArgs, ctx: CommandContext): Promise<Reply> {
    return this.#guard(
      ctx,
      () => ({ command: commandName, subcommand: subcommandName }),
      () => {
        const sub = this.#subcommand(this.#require(commandName), subcommandName);
        return sub.run(ctx, args as never, this.services);
      },
      (message) => ephemeralText(message),
    );
  }

  async press(action: string, value: string, ctx: CommandContext, source: ActionSource = {}): Promise<ActionResult> {
    return this.#guard(
      ctx,
      () => ({ action }),
      async () => {
        const spec = this.registry.actions.find((a) => a.action === action);
        if (!spec)
          throw new UserError(
            'unknown-action',
            'That button is no longer supported. Run the command again for a fresh one.',
          );
        return spec.run(ctx, value, this.services, source);
      },
      (message) => ({ reply: ephemeralText(message) }),
    );
  }

  async submit(
    modal: string,
    value: string,
    fields: Readonly<Record<string, string>>,
    ctx: CommandContext,
  ): Promise<ActionResult> {
    return this.#guard(
      ctx,
      () => ({ modal }),
      async () => {
        const spec = this.registry.modals.find((m) => m.modal === modal);
        if (!spec) throw new UserError('unknown-modal', 'That form is no longer supported. Please start again.');
        return spec.run(ctx, value, fields, this.services);
      },
      (message) => ({ reply: ephemeralText(message) }),
    );
  }

  /**
   * Choices for an option as the user types (Discord autocomplete). Never throws: a
   * failure is logged with a reference id and offers nothing, because the platform has
   * no way to show an error while the user types.
   */
  async complete(source: CompletionSource, partial: string, ctx: CommandContext): Promise<readonly Completion[]> {
    return this.#guard(
      ctx,
      () => ({ completion: source }),
      async () => {
        const completer = this.registry.completers?.find((c) => c.source === source);
        if (completer) return (await completer.complete(ctx, partial, this.services)).slice(0, MAX_COMPLETIONS);
        return complete(source, partial, this.services.agenda(), this.services.search);
      },
      () => [],
    );
  }

  /**
   * A message in a channel: the first feature reply to post in its thread, or nothing.
   * Never throws and never answers with an error: nobody asked the bot anything.
   */
  async message(message: ChannelMessage): Promise<Reply | undefined> {
    const { conversation } = message;
    const ctx = {
      actor: { platform: conversation.platform, tenantId: conversation.tenantId, userId: message.authorId },
      conversation,
      isDirect: false,
    };
    for (const spec of this.registry.messages ?? []) {
      const run = async (): Promise<Reply | undefined> => spec.run(message, this.services);
      const reply = await this.#guard(
        ctx,
        () => ({ message: spec.name }),
        run,
        () => undefined,
      );
      if (reply) return reply;
    }
    return undefined;
  }

  #require(name: string): CommandSpec {
    const command = this.command(name);
    if (!command) throw new UserError('unknown-command', `There is no /${name} command.`);
    return command;
  }

  #subcommand(command: CommandSpec, name: string): SubcommandSpec {
    const sub = command.subcommands.find((s) => s.name === name);
    if (!sub)
      throw new UserError(
        'unknown-subcommand',
        `\`${name}\` is not a \`/${command.name}\` command. Try \`/${command.name} help\`.`,
      );
    return sub;
  }

  /**
   * `what` names the request in the log, called only when something failed (for typed text it joins the
   * words again). `work` may throw before it returns its promise (a parse error): that is caught here too.
   */
  async #guard<T>(
    ctx: CommandContext,
    what: () => object,
    work: () => Promise<T> | T,
    onError: (message: string) => T,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUserError(error)) return onError(error.message);
      const ref = referenceId();
      this.services.logger.error(
        {
          ref,
          ...what(),
          platform: ctx.actor.platform,
          tenantId: ctx.actor.tenantId,
          userId: ctx.actor.userId,
          err: error,
        },
        'command failed',
      );
      return onError(internalErrorText(ref));
    }
  }
}
