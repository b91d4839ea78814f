import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createShell } from '../../../adapters/shell/index.js';
import { renderReply } from '../../../adapters/shell/render.js';
import { ManualClock } from '../../../src/core/clock.js';
import { defineSubcommand, type CommandSpec } from '../../../src/core/commands/spec.js';
import { Dispatcher } from '../../../src/core/dispatcher.js';
import { UserError } from '../../../src/core/errors.js';
import { ephemeralText, type Reply } from '../../../src/core/message.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import type { Services } from '../../../src/core/services.js';
import { MemoryLogger } from '../../../src/log.js';

const card: Reply = {
  visibility: 'ephemeral',
  summary: 'Challenge 3.5',
  blocks: [
    { kind: 'heading', text: 'Jailbreaks' },
    {
      kind: 'text',
      spans: [
        'Summary with ',
        { text: 'bold', bold: true },
        ' and ',
        { link: 'https://example.org/x', text: 'a link' },
      ],
    },
    { kind: 'fields', fields: [{ label: 'Category', value: ['Deployment'] }] },
    {
      kind: 'list',
      items: [
        { id: '3.5-q1', text: ['A paper question?'], origin: 'paper' },
        { id: '3.5.1-p1', text: ['Our prompt?'], origin: 'prompt' },
      ],
      more: 'showing 2 of 9',
    },
    { kind: 'links', links: [{ text: 'Paper', url: 'https://example.org/paper' }] },
    { kind: 'context', spans: ['small print'] },
    {
      kind: 'buttons',
      buttons: [
        { action: 'echo', value: 'shared', label: 'Share in channel' },
        { action: 'form', value: 'n1', label: 'Add note' },
      ],
    },
  ],
};

const demo: CommandSpec = {
  name: 'demo',
  description: 'test command',
  defaultSubcommand: 'card',
  subcommands: [
    defineSubcommand({ name: 'card', description: 'a card', examples: ['/demo card'], options: [], run: () => card }),
    defineSubcommand({
      name: 'fail',
      description: 'fails',
      examples: [],
      options: [],
      run: () => {
        throw new UserError('nope', 'No such thing. Use /demo card.');
      },
    }),
    defineSubcommand({
      name: 'crash',
      description: 'crashes',
      examples: [],
      options: [],
      run: () => {
        throw new Error('database exploded at /secret/path');
      },
    }),
  ],
};

function makeShell(input: string) {
  const logger = new MemoryLogger();
  const services = {
    clock: new ManualClock('2027-01-04T09:00:00Z'),
    logger,
    delivery: new DeliveryPorts(),
  } as unknown as Services;
  const dispatcher = new Dispatcher(
    {
      commands: [demo],
      actions: [
        { action: 'echo', run: (_ctx, value) => ({ reply: ephemeralText(`pressed with ${value}`) }) },
        {
          action: 'form',
          run: (_ctx, value) => ({
            modal: {
              id: 'note',
              value,
              title: 'Add a note',
              fields: [{ id: 'body', label: 'Note', style: 'paragraph', required: true, maxLength: 500 }],
            },
          }),
        },
      ],
      modals: [
        {
          modal: 'note',
          run: (_ctx, value, fields) => ({ reply: ephemeralText(`saved ${fields['body']} for ${value}`) }),
        },
      ],
    },
    services,
  );
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let written = '';
  stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const shell = createShell({ dispatcher, input: stdin, output: stdout, interactive: false, userName: 'tester' });
  stdin.end(input);
  return { shell, logger, output: () => written };
}

describe('shell rendering', () => {
  it('renders every block kind as plain terminal text, marking question origins', () => {
    const { text, buttons } = renderReply(card);
    expect(text).toBe(
      [
        '(only you can see this)',
        '',
        '== Jailbreaks ==',
        'Summary with bold and a link (https://example.org/x)',
        'Category: Deployment',
        '  3.5-q1 (from the paper)  A paper question?',
        '  3.5.1-p1 (our discussion prompt)  Our prompt?',
        '  … showing 2 of 9',
        '  -> Paper: https://example.org/paper',
        '  (small print)',
        'Buttons: [1] Share in channel  [2] Add note  (type the number to press)',
      ].join('\n'),
    );
    expect(buttons.map((b) => b.label)).toEqual(['Share in channel', 'Add note']);
  });
});

describe('shell session on piped input', () => {
  it('runs commands line by line, presses buttons by number or label, and ends at end of input', async () => {
    const { shell, output } = makeShell('/demo card\n1\nadd note\nmy thoughts\n');
    await shell.session.run();
    const out = output();
    expect(out).toContain('== Jailbreaks ==');
    expect(out).toContain('pressed with shared');
    expect(out).toContain('--- Add a note ---');
    expect(out).toContain('saved my thoughts for n1');
    expect(out).not.toMatch(/^> /mu); // no prompts when not interactive
  });

  it('answers a user error with its message and an unknown command with the list of commands', async () => {
    const { shell, output } = makeShell('/demo fail\n/nosuch thing\nhello\n');
    await shell.session.run();
    expect(output()).toContain('No such thing. Use /demo card.');
    expect(output()).toContain('There is no /nosuch command here. Commands: /demo.');
    expect(output()).toContain('Type a command such as /agenda help. quit leaves.');
  });

  it('shows a reference id instead of a crash, and logs the error with the same id', async () => {
    const { shell, output, logger } = makeShell('/demo crash\n/demo card\n');
    await shell.session.run();
    const ref = /reference ([0-9a-z]{6})/u.exec(output())?.[1];
    expect(ref).toBeDefined();
    expect(output()).not.toContain('/secret/path');
    expect(output()).toContain('== Jailbreaks =='); // the session went on
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]?.fields).toMatchObject({ ref, command: 'demo' });
  });

  it('stops at quit without reading further commands', async () => {
    const { shell, output } = makeShell('quit\n/demo card\n');
    await shell.session.run();
    expect(output()).toBe('');
  });

  it('prints scheduled posts through its delivery port once per idempotency key', async () => {
    const { shell, output } = makeShell('');
    const destination = {
      kind: 'channel',
      conversation: { platform: 'shell', tenantId: 'local', channelId: 'terminal' },
    } as const;
    const first = await shell.delivery.post(destination, ephemeralText('weekly question'), 'digest:1:2027-W01');
    const again = await shell.delivery.post(destination, ephemeralText('weekly question'), 'digest:1:2027-W01');
    expect(again).toEqual(first);
    expect(output().match(/weekly question/gu)).toHaveLength(1);
    expect(await shell.delivery.findPosted(destination, 'digest:1:2027-W01')).toEqual(first);
    expect(await shell.delivery.openThread(first)).toEqual({ ...first.conversation, threadId: first.messageId });
  });
});
