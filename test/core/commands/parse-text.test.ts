import { describe, expect, it } from 'vitest';
import { agendaCommand } from '../../../src/core/features/index.js';
import { parseCommandText, tokenize, usageOf } from '../../../src/core/commands/parse-text.js';
import { defineSubcommand, type CommandSpec } from '../../../src/core/commands/spec.js';
import { UserError } from '../../../src/core/errors.js';

const noop = () => ({ visibility: 'ephemeral' as const, summary: '', blocks: [] });

/** A command shaped like the ones features declare: positional, keyed, integer, channel and user options. */
const testCommand: CommandSpec = {
  name: 'readinggroup',
  description: 'Reading groups',
  defaultSubcommand: 'list',
  subcommands: [
    defineSubcommand({ name: 'list', description: 'List groups', examples: ['/readinggroup list'], options: [], run: noop }),
    defineSubcommand({
      name: 'create',
      description: 'Create a group',
      examples: ['/readinggroup create "Tuesday group" #reading time=14:00 weeks=6'],
      options: [
        { name: 'name', kind: 'string', description: 'the group name', required: true, syntax: 'positional' },
        { name: 'channel', kind: 'channel', description: 'where it meets', required: true, syntax: 'positional' },
        { name: 'time', kind: 'string', description: 'meeting time', syntax: 'keyed' },
        { name: 'weeks', kind: 'integer', description: 'how many sessions', syntax: 'keyed', min: 1, max: 20 },
        { name: 'host', kind: 'user', description: 'who hosts', syntax: 'keyed' },
      ],
      run: noop,
    }),
    defineSubcommand({ name: 'digest preview', description: 'Preview', examples: [], options: [], run: noop }),
    defineSubcommand({ name: 'digest pause', description: 'Pause', examples: [], options: [], run: noop }),
  ],
};

function errorOf(work: () => unknown): UserError {
  try {
    work();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('tokenize', () => {
  it('splits on white space and keeps quoted words together', () => {
    expect(tokenize('create "Tuesday group"  #reading')).toEqual(['create', 'Tuesday group', '#reading']);
    expect(tokenize('search \u201cprompt injection\u201d in:3.5')).toEqual(['search', 'prompt injection', 'in:3.5']);
    expect(tokenize('in:"prompt injection" x')).toEqual(['in:prompt injection', 'x']);
  });

  it('keeps an empty quoted argument and tolerates an unclosed quote', () => {
    expect(tokenize('name ""')).toEqual(['name', '']);
    expect(tokenize('say "hello there')).toEqual(['say', 'hello there']);
    expect(tokenize('   ')).toEqual([]);
  });
});

describe('parseCommandText', () => {
  it('fills positional, keyed, channel and user options', () => {
    const parsed = parseCommandText(testCommand, 'create "Tuesday group" <#C123|reading> time:14:00 weeks=6 host=<@U42>');
    expect(parsed.subcommand.name).toBe('create');
    expect(parsed.args).toEqual({ name: 'Tuesday group', channel: 'C123', time: '14:00', weeks: 6, host: 'U42' });
  });

  it('accepts #channel and keyed @user written plainly', () => {
    expect(parseCommandText(testCommand, 'create x #reading host=@ada').args).toEqual({
      name: 'x',
      channel: 'reading',
      host: 'ada',
    });
  });

  it('runs the default subcommand for empty text and finds two-word subcommands', () => {
    expect(parseCommandText(testCommand, '').subcommand.name).toBe('list');
    expect(parseCommandText(testCommand, 'Digest Preview').subcommand.name).toBe('digest preview');
  });

  it('joins rest words and separates keyed options for /agenda search', () => {
    expect(parseCommandText(agendaCommand, 'search prompt injection in:3.5 origin:prompt').args).toEqual({
      words: 'prompt injection',
      in: '3.5',
      origin: 'prompt',
    });
    // Unknown keys stay part of the words when the command takes free text.
    expect(parseCommandText(agendaCommand, 'search note:x').args).toEqual({ words: 'note:x' });
  });

  it('rejects bad integers with the accepted range', () => {
    expect(errorOf(() => parseCommandText(testCommand, 'create x #c weeks=six')).message).toBe(
      '`weeks=six` is not accepted by `/readinggroup create`: use a whole number from 1 to 20.',
    );
    expect(errorOf(() => parseCommandText(testCommand, 'create x #c weeks=21')).code).toBe('bad-integer');
    expect(errorOf(() => parseCommandText(testCommand, 'create x #c weeks=1.5')).code).toBe('bad-integer');
  });

  it('suggests the closest subcommand for a typo', () => {
    // A fixed list, so that a feature adding an /agenda subcommand does not have to edit this test.
    const names = ['help', 'category', 'challenge', 'question', 'search', 'random', 'subscribe', 'subscriptions']
      .concat(['unsubscribe', 'pause', 'resume', 'digest preview', 'digest now', 'interests']);
    const listedCommand: CommandSpec = {
      name: 'agenda',
      description: 'Agenda',
      defaultSubcommand: 'help',
      subcommands: names.map((name) => defineSubcommand({ name, description: name, examples: [], options: [], run: noop })),
    };
    expect(errorOf(() => parseCommandText(listedCommand, 'chalenge 3.5')).message).toBe(
      '`chalenge` is not a `/agenda` command. Did you mean `challenge`? Commands: help, category, challenge, question, search, random, subscribe, subscriptions, unsubscribe, pause, resume, digest, interests. Try `/agenda help`.',
    );
    expect(errorOf(() => parseCommandText(listedCommand, 'xyz')).message).toBe(
      '`xyz` is not a `/agenda` command. Commands: help, category, challenge, question, search, random, subscribe, subscriptions, unsubscribe, pause, resume, digest, interests. Try `/agenda help`.',
    );
  });

  it('asks for the second word of a group', () => {
    expect(errorOf(() => parseCommandText(testCommand, 'digest')).message).toBe(
      '`/readinggroup digest` needs one more word: `digest preview`, `digest pause`.',
    );
  });

  it('names unknown keyed options and suggests the right one', () => {
    expect(errorOf(() => parseCommandText(testCommand, 'create x #c tiem=14:00')).message).toBe(
      '`tiem` is not an option of `/readinggroup create`. Did you mean `time=`? Usage: `/readinggroup create <name> #channel [time=…] [weeks=…] [host=…]`',
    );
  });

  it('reports missing and unexpected arguments with the usage', () => {
    expect(errorOf(() => parseCommandText(testCommand, 'create')).message).toBe(
      '`/readinggroup create` needs `name` (the group name). Usage: `/readinggroup create <name> #channel [time=…] [weeks=…] [host=…]`, for example `/readinggroup create "Tuesday group" #reading time=14:00 weeks=6`.',
    );
    expect(errorOf(() => parseCommandText(testCommand, 'list extra words')).message).toBe(
      '`/readinggroup list` did not expect `extra words`. Usage: `/readinggroup list`',
    );
  });

  it('writes usage from the declaration', () => {
    const search = agendaCommand.subcommands.find((s) => s.name === 'search');
    if (!search) throw new Error('search is not registered');
    expect(usageOf(agendaCommand, search)).toBe('/agenda search <words> [in=…] [origin=…]');
  });
});
