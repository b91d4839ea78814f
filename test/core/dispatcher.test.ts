import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { defineSubcommand, type CommandSpec } from '../../src/core/commands/spec.js';
import type { CommandContext } from '../../src/core/context.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { UserError } from '../../src/core/errors.js';
import { ephemeralText } from '../../src/core/message.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import type { Services } from '../../src/core/services.js';
import { MemoryLogger } from '../../src/log.js';

const ctx: CommandContext = {
  actor: { platform: 'slack', tenantId: 'T1', userId: 'U1' },
  conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' },
  isDirect: false,
};

const echo: CommandSpec = {
  name: 'echo',
  description: 'echo',
  defaultSubcommand: 'say',
  subcommands: [
    defineSubcommand({
      name: 'say',
      description: 'says the words',
      examples: ['/echo say hi'],
      options: [
        { name: 'times', kind: 'integer', description: 'how often', syntax: 'keyed', min: 1, max: 3 },
        { name: 'words', kind: 'string', description: 'what to say', syntax: 'rest', required: true },
      ],
      run: (_ctx, args) => ephemeralText(`${args.words} x${args.times ?? 1}`),
    }),
    defineSubcommand({
      name: 'boom',
      description: 'fails',
      examples: [],
      options: [],
      run: () => {
        throw new TypeError('token xoxb-123 leaked in a crash');
      },
    }),
  ],
};

function setup() {
  const logger = new MemoryLogger();
  const services = {
    clock: new ManualClock('2027-01-01T00:00:00Z'),
    logger,
    delivery: new DeliveryPorts(),
  } as unknown as Services;
  const dispatcher = new Dispatcher(
    {
      commands: [echo],
      actions: [
        {
          action: 'fail',
          run: () => {
            throw new UserError('gone', 'That session was archived.');
          },
        },
      ],
      modals: [],
    },
    services,
  );
  return { dispatcher, logger };
}

describe('Dispatcher', () => {
  it('runs text commands with parsed, typed arguments', async () => {
    const { dispatcher } = setup();
    expect((await dispatcher.runText('echo', 'say times=2 hello world', ctx)).summary).toBe('hello world x2');
    expect((await dispatcher.runText('echo', '', ctx)).summary).toBe(
      '`/echo say` needs `words` (what to say). Usage: `/echo say [times=…] <words>`, for example `/echo say hi`.',
    );
  });

  it('runs typed invocations the same way (Discord)', async () => {
    const { dispatcher } = setup();
    expect((await dispatcher.run('echo', 'say', { words: 'typed', times: 3 }, ctx)).summary).toBe('typed x3');
  });

  it('turns a bad integer into a reply that says what is accepted', async () => {
    const { dispatcher } = setup();
    expect((await dispatcher.runText('echo', 'say times=9 hi', ctx)).summary).toBe(
      '`times=9` is not accepted by `/echo say`: use a whole number from 1 to 3.',
    );
  });

  it('suggests the closest subcommand for a typo', async () => {
    const { dispatcher } = setup();
    expect((await dispatcher.runText('echo', 'sya hi', ctx)).summary).toBe(
      '`sya` is not a `/echo` command. Did you mean `say`? Commands: say, boom. Try `/echo help`.',
    );
  });

  it('hides unexpected errors behind a reference id that the log also carries', async () => {
    const { dispatcher, logger } = setup();
    const reply = await dispatcher.runText('echo', 'boom', ctx);
    const ref = /reference ([0-9a-z]{6})/u.exec(reply.summary)?.[1];
    expect(ref).toMatch(/^[0-9a-z]{6}$/u);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.summary).not.toContain('xoxb');
    expect(logger.records[0]).toMatchObject({
      level: 'error',
      fields: { ref, command: 'echo', userId: 'U1', tenantId: 'T1' },
    });
  });

  it('answers presses of unknown or failing buttons with a message, not an exception', async () => {
    const { dispatcher } = setup();
    expect((await dispatcher.press('nope', 'x', ctx)).reply?.summary).toBe(
      'That button is no longer supported. Run the command again for a fresh one.',
    );
    expect((await dispatcher.press('fail', 'x', ctx)).reply?.summary).toBe('That session was archived.');
  });
});
