/**
 * A local terminal chat, in the spirit of Hubot's shell: type the same slash
 * commands as in Slack or Discord and read the rendered replies. With a terminal it
 * prompts; without one (a pipe, a test) it reads commands line by line, prints each
 * reply, and ends at the end of input. Chat goes to `output`; logs never do.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandContext } from '../../src/core/context.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { ActionResult, Button, Modal, Reply } from '../../src/core/message.js';
import { commandTokens } from './args.js';
import { renderReply } from './render.js';
import { SHELL_CONVERSATION } from './delivery-port.js';
import { machineTimezone } from '../../src/config.js';
import { localizeTimes } from './local-times.js';

export interface ShellOptions {
  readonly dispatcher: Dispatcher;
  readonly input: Readable;
  readonly output: Writable;
  /** Prompt and greet: true when a person is at a terminal. */
  readonly interactive: boolean;
  readonly userName: string;
  /** The zone the terminal shows times in (`DEFAULT_TIMEZONE`, else the machine's); default the machine's. */
  readonly timeZone?: string;
}

export class ShellSession {
  #buttons: readonly Button[] = [];
  readonly #lines: AsyncIterator<string>;
  readonly #readline: Interface;
  readonly #ctx: CommandContext;
  readonly #timeZone: string;

  constructor(private readonly options: ShellOptions) {
    // At a terminal, readline's own mode gives line editing and history (arrow keys);
    // on a pipe it must not echo, so that scripts read replies only.
    this.#readline = options.interactive
      ? createInterface({ input: options.input, output: options.output, terminal: true, historySize: 200 })
      : createInterface({ input: options.input, terminal: false });
    this.#lines = this.#readline[Symbol.asyncIterator]();
    this.#timeZone = options.timeZone ?? machineTimezone();
    this.#ctx = {
      actor: { platform: 'shell', tenantId: SHELL_CONVERSATION.tenantId, userId: 'you', displayName: options.userName },
      conversation: SHELL_CONVERSATION,
      isDirect: false,
    };
  }

  /** Prints a reply that did not come from a command (scheduled posts). */
  print(reply: Reply, heading?: string): void {
    const rendered = renderReply(localizeTimes(reply, this.#timeZone), this.#buttons.length + 1);
    this.#buttons = [...this.#buttons, ...rendered.buttons];
    this.#write(`${heading ? `--- ${heading} ---\n` : ''}${rendered.text}\n`);
  }

  /** Runs until the input ends or the user types `quit`. */
  async run(): Promise<void> {
    const commands = this.options.dispatcher.registry.commands.map((c) => `/${c.name}`).join(', ');
    if (this.options.interactive) {
      this.#write(`agendabot shell. Commands: ${commands}. Start with /agenda help. Type quit to leave.\n`);
    }
    try {
      for (;;) {
        const line = await this.#nextLine('> ');
        if (line === null) return;
        const trimmed = line.trim();
        if (trimmed === '') continue;
        if (trimmed === 'quit' || trimmed === 'exit') return;
        await this.#handle(trimmed, commands);
      }
    } finally {
      this.#readline.close();
    }
  }

  async #handle(line: string, commands: string): Promise<void> {
    const slash = /^\/(\S+)\s*(.*)$/su.exec(line);
    if (slash) {
      const name = (slash[1] ?? '').toLowerCase();
      if (!this.options.dispatcher.command(name)) {
        this.#write(`There is no /${name} command here. Commands: ${commands}.\n`);
        return;
      }
      this.#buttons = [];
      this.print(await this.options.dispatcher.runText(name, commandTokens(slash[2] ?? ''), this.#ctx));
      return;
    }
    const button = this.#findButton(line);
    if (button) {
      await this.#apply(await this.options.dispatcher.press(button.action, button.value, this.#ctx));
      return;
    }
    const pressable = this.#buttons.length > 0 ? ` or a button number (1 to ${this.#buttons.length})` : '';
    this.#write(`Type a command such as /agenda help${pressable}. quit leaves.\n`);
  }

  #findButton(typed: string): Button | undefined {
    const number = Number(typed);
    if (Number.isInteger(number)) return this.#buttons[number - 1];
    return this.#buttons.find((b) => b.label.toLowerCase() === typed.toLowerCase());
  }

  async #apply(result: ActionResult): Promise<void> {
    if (result.update) this.print(result.update, 'message updated');
    if (result.reply) this.print(result.reply);
    if (result.modal) await this.#fillIn(result.modal);
  }

  async #fillIn(modal: Modal): Promise<void> {
    this.#write(`--- ${modal.title} ---\n`);
    const fields: Record<string, string> = {};
    for (const field of modal.fields) {
      const answer = await this.#nextLine(`${field.label}${field.required ? '' : ' (optional)'}: `);
      if (answer === null) return;
      fields[field.id] = answer;
    }
    await this.#apply(await this.options.dispatcher.submit(modal.id, modal.value, fields, this.#ctx));
  }

  async #nextLine(prompt: string): Promise<string | null> {
    if (this.options.interactive) {
      this.#readline.setPrompt(prompt);
      this.#readline.prompt();
    }
    const next = await this.#lines.next();
    return next.done ? null : next.value;
  }

  #write(text: string): void {
    this.options.output.write(text);
  }
}
