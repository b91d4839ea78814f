/**
 * A tiny registry for wiring tests: commands and actions whose replies the tests
 * know exactly, independent of the agenda commands.
 */
import type { Registry } from '../../../src/core/dispatcher.js';
import {
  defineSubcommand,
  type ActionSpec,
  type CommandSpec,
  type ModalSpec,
  type SubcommandSpec,
} from '../../../src/core/commands/spec.js';
import { ephemeralText, type Reply } from '../../../src/core/message.js';
import { UserError } from '../../../src/core/errors.js';

/** Lets a test hold the `slow` command until it says so. */
export class Gate {
  #open: () => void = () => {};
  #opened = this.#arm();
  entered = false;
  get opened(): Promise<void> {
    return this.#opened;
  }
  open(): void {
    this.#open();
  }
  /** Closes the gate again, so the next `slow` command waits until `open()`. */
  close(): void {
    this.entered = false;
    this.#opened = this.#arm();
  }
  #arm(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#open = resolve;
    });
  }
}

export function shareButton(invocation: string): Reply['blocks'][number] {
  return {
    kind: 'buttons',
    buttons: [{ action: 'share', value: invocation, label: 'Share in channel', style: 'primary' }],
  };
}

/** The `/agenda` command with four subcommands whose replies the tests know exactly. */
export function testRegistry(gate: Gate): Registry {
  const agenda: CommandSpec = {
    name: 'agenda',
    description: 'Test agenda command',
    defaultSubcommand: 'echo',
    subcommands: [echoSubcommand(), slowSubcommand(gate), boomSubcommand(), whereSubcommand()],
  };
  return { commands: [agenda], actions: testActions(), modals: testModals() };
}

function echoSubcommand(): SubcommandSpec {
  return defineSubcommand({
    name: 'echo',
    description: 'Repeats what you typed',
    examples: ['/agenda echo hello'],
    options: [{ name: 'words', kind: 'string', description: 'anything', syntax: 'rest' }] as const,
    run: (_ctx, args) => ({
      visibility: 'ephemeral',
      summary: `You said: ${args.words ?? ''}`,
      blocks: [{ kind: 'text', spans: ['You said: ', args.words ?? ''] }, shareButton(`echo ${args.words ?? ''}`)],
    }),
  });
}

/** Waits at the gate, so a test can see what happens while a command is still running. */
function slowSubcommand(gate: Gate): SubcommandSpec {
  return defineSubcommand({
    name: 'slow',
    description: 'Waits for the test',
    examples: ['/agenda slow'],
    options: [] as const,
    run: async () => {
      gate.entered = true;
      await gate.opened;
      return ephemeralText('finally done');
    },
  });
}

/** Throws an unexpected error whose message must never reach the user. */
function boomSubcommand(): SubcommandSpec {
  return defineSubcommand({
    name: 'boom',
    description: 'Fails unexpectedly',
    examples: ['/agenda boom'],
    options: [] as const,
    run: () => {
      throw new Error('database exploded at /secret/path');
    },
  });
}

function whereSubcommand(): SubcommandSpec {
  return defineSubcommand({
    name: 'where',
    description: 'Says where it was asked',
    examples: ['/agenda where'],
    options: [] as const,
    run: (ctx) =>
      ephemeralText(
        `tenant ${ctx.actor.tenantId} channel ${ctx.conversation.channelId} user ${ctx.actor.userId} ` +
          `direct ${String(ctx.isDirect)}`,
      ),
  });
}

function testActions(): ActionSpec[] {
  return [
    {
      action: 'share',
      run: (ctx, value) => ({
        reply: {
          visibility: 'channel',
          summary: `Shared: ${value}`,
          blocks: [
            { kind: 'text', spans: [`Shared: ${value}`] },
            { kind: 'context', spans: ['shared by ', { mention: ctx.actor.userId }] },
          ],
        },
      }),
    },
    {
      action: 'refresh',
      run: (_ctx, value, _s, source) => ({
        update: ephemeralText(`refreshed ${value} on ${source.messageId ?? 'an ephemeral message'}`),
      }),
    },
    {
      action: 'note',
      run: (_ctx, value) => ({
        modal: {
          id: 'note',
          value,
          title: 'Add a note to this session',
          fields: [{ id: 'text', label: 'Your note', style: 'paragraph', required: true, maxLength: 500 }],
        },
      }),
    },
    {
      action: 'whereami',
      run: (ctx) => ({
        reply: { ...ephemeralText(`thread ${ctx.conversation.threadId ?? 'none'}`), visibility: 'channel' },
      }),
    },
    {
      action: 'refuse',
      run: () => {
        throw new UserError('not-allowed', 'Only organisers can do that.');
      },
    },
  ];
}

function testModals(): ModalSpec[] {
  return [
    {
      modal: 'note',
      run: (_ctx, value, fields) => ({
        reply: { ...ephemeralText(`Noted for ${value}: ${fields.text ?? ''}`), visibility: 'channel' },
      }),
    },
  ];
}
