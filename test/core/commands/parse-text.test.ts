import { describe, expect, it } from 'vitest';
import { agendaCommand } from '../../../src/core/features/index.js';
import {
  parseCommandText,
  parseCommandTokens,
  tokenize,
  typedWords,
  usageOf,
  type CommandToken,
} from '../../../src/core/commands/parse-text.js';
import { defineSubcommand, type CommandSpec } from '../../../src/core/commands/spec.js';
import { UserError } from '../../../src/core/errors.js';

const noop = () => ({ visibility: 'ephemeral' as const, summary: '', blocks: [] });

/** A command shaped like the ones features declare: positional, keyed, integer, channel and user options. */
const testCommand: CommandSpec = {
  name: 'readinggroup',
  description: 'Reading groups',
  defaultSubcommand: 'list',
  subcommands: [
    defineSubcommand({
      name: 'list',
      description: 'List groups',
      examples: ['/readinggroup list'],
      options: [],
      run: noop,
    }),
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
    defineSubcommand({
      name: 'organisers add',
      description: 'Add an organiser',
      examples: ['/readinggroup organisers add @ana'],
      options: [
        { name: 'user', kind: 'user', description: 'the person', required: true, syntax: 'positional' },
        { name: 'group', kind: 'string', description: 'the group', syntax: 'rest' },
      ],
      run: noop,
    }),
    defineSubcommand({
      name: 'subscribe',
      description: 'Subscribe',
      examples: ['/readinggroup subscribe #reading'],
      options: [
        { name: 'channel', kind: 'channel', description: 'where', syntax: 'positional' },
        { name: 'day', kind: 'string', description: 'which day', syntax: 'keyed' },
      ],
      run: noop,
    }),
    defineSubcommand({ name: 'digest preview', description: 'Preview', examples: [], options: [], run: noop }),
    defineSubcommand({ name: 'digest pause', description: 'Pause', examples: [], options: [], run: noop }),
  ],
};

const carol = { user: 'U0CAROL', text: '<@U0CAROL|carol>' } as const;
const general = { channel: 'C0GENERAL', text: '<#C0GENERAL|general>' } as const;

/** Words of `text` (split on spaces) with references put in where `{}` stands, in order. */
function typed(text: string, ...references: CommandToken[]): CommandToken[] {
  const queue = [...references];
  return text
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => (w === '{}' ? (queue.shift() ?? w) : w));
}

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

  it('says which words were quoted, for adapters that leave quoted text alone', () => {
    expect(typedWords('add "@ana" @bob')).toEqual([
      { text: 'add', quoted: false },
      { text: '@ana', quoted: true },
      { text: '@bob', quoted: false },
    ]);
  });

  it('keeps an empty quoted argument and tolerates an unclosed quote', () => {
    expect(tokenize('name ""')).toEqual(['name', '']);
    expect(tokenize('say "hello there')).toEqual(['say', 'hello there']);
    expect(tokenize('   ')).toEqual([]);
  });

  it('splits unquoted text on any white space, tabs, line breaks and wide spaces included, and keeps other characters', () => {
    expect(typedWords(' search\tjailbreak\n\u00a0in:3.5\u3000\u2003x ')).toEqual([
      { text: 'search', quoted: false },
      { text: 'jailbreak', quoted: false },
      { text: 'in:3.5', quoted: false },
      { text: 'x', quoted: false },
    ]);
    expect(tokenize('caf\u00e9 \ud83d\ude00smile a<b')).toEqual(['caf\u00e9', '\ud83d\ude00smile', 'a<b']);
    expect(tokenize('one\u2028two')).toEqual(['one', 'two']);
  });

  it('splits text with quotes on the same white space outside them', () => {
    expect(tokenize('search\t"prompt  injection"\u00a0x')).toEqual(['search', 'prompt  injection', 'x']);
  });
});

describe('parseCommandText', () => {
  it('fills positional, keyed, channel and user options', () => {
    const tokens = ['create', 'Tuesday group', general, 'time:14:00', 'weeks=6', 'host=', carol];
    const parsed = parseCommandTokens(testCommand, tokens);
    expect(parsed.subcommand.name).toBe('create');
    expect(parsed.args).toEqual({
      name: 'Tuesday group',
      channel: 'C0GENERAL',
      time: '14:00',
      weeks: 6,
      host: 'U0CAROL',
    });
  });

  it('keeps a user reference when a word follows it, and gives the word to its own option', () => {
    expect(parseCommandTokens(testCommand, typed('organisers add {} 1', carol)).args).toEqual({
      user: 'U0CAROL',
      group: '1',
    });
    expect(parseCommandTokens(testCommand, typed('organisers add {} Reading Group', carol)).args).toEqual({
      user: 'U0CAROL',
      group: 'Reading Group',
    });
    expect(parseCommandTokens(testCommand, typed('organisers add Reading {} Group', carol)).args).toEqual({
      user: 'U0CAROL',
      group: 'Reading Group',
    });
    expect(parseCommandTokens(testCommand, typed('organisers add 1 {}', carol)).args).toEqual({
      user: 'U0CAROL',
      group: '1',
    });
  });

  it('keeps a channel reference when a word follows it, and refuses the word no option takes', () => {
    expect(parseCommandTokens(testCommand, typed('subscribe {} day=fri', general)).args).toEqual({
      channel: 'C0GENERAL',
      day: 'fri',
    });
    expect(parseCommandTokens(testCommand, typed('subscribe day=fri {}', general)).args).toEqual({
      channel: 'C0GENERAL',
      day: 'fri',
    });
    expect(errorOf(() => parseCommandTokens(testCommand, typed('subscribe {} weekly', general))).message).toBe(
      '`/readinggroup subscribe` did not expect `weekly`. Usage: `/readinggroup subscribe [#channel] [day=…]`',
    );
  });

  it('never fills a user or channel option from a bare word', () => {
    expect(errorOf(() => parseCommandTokens(testCommand, typed('organisers add carol'))).message).toBe(
      '`/readinggroup organisers add` needs a @user (the person). Usage: `/readinggroup organisers add @user [<group>]`, ' +
        'for example `/readinggroup organisers add @ana`.',
    );
    expect(errorOf(() => parseCommandTokens(testCommand, typed('organisers add'))).code).toBe('missing-argument');
    expect(parseCommandText(testCommand, 'subscribe day=fri').args).toEqual({ day: 'fri' });
  });

  it('refuses a second reference of the same kind, naming it as typed', () => {
    const dave = { user: 'U0DAVE', text: '@dave' };
    expect(errorOf(() => parseCommandTokens(testCommand, typed('organisers add {} {}', carol, dave))).message).toBe(
      '`/readinggroup organisers add` did not expect `@dave`. Usage: `/readinggroup organisers add @user [<group>]`',
    );
  });

  it('reads a reference as the typed word where the subcommand takes none', () => {
    const hashThree = { channel: '3', text: '#3' };
    expect(parseCommandTokens(testCommand, typed('organisers add {} {}', carol, hashThree)).args).toEqual({
      user: 'U0CAROL',
      group: '#3',
    });
    expect(parseCommandTokens(agendaCommand, typed('search in: {} jailbreak', hashThree)).args).toEqual({
      words: 'jailbreak',
      in: '#3',
    });
  });

  it('parses no markup in plain text: a keyed user option needs a reference after key=', () => {
    expect(errorOf(() => parseCommandText(testCommand, 'create x host=<@U42>')).message).toBe(
      '`host=` needs a @user (who hosts) right after it. Usage: `/readinggroup create <name> #channel [time=…] [weeks=…] [host=…]`',
    );
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
    expect(errorOf(() => parseCommandTokens(testCommand, typed('create x {} weeks=six', general))).message).toBe(
      '`weeks=six` is not accepted by `/readinggroup create`: use a whole number from 1 to 20.',
    );
    expect(errorOf(() => parseCommandTokens(testCommand, typed('create x {} weeks=21', general))).code).toBe(
      'bad-integer',
    );
    expect(errorOf(() => parseCommandTokens(testCommand, typed('create x {} weeks=1.5', general))).code).toBe(
      'bad-integer',
    );
  });

  it('suggests the closest subcommand for a typo', () => {
    // A fixed list, so that a feature adding an /agenda subcommand does not have to edit this test.
    const names = [
      'help',
      'category',
      'challenge',
      'question',
      'search',
      'random',
      'subscribe',
      'subscriptions',
    ].concat(['unsubscribe', 'pause', 'resume', 'digest preview', 'digest now', 'interests']);
    const listedCommand: CommandSpec = {
      name: 'agenda',
      description: 'Agenda',
      defaultSubcommand: 'help',
      subcommands: names.map((name) =>
        defineSubcommand({ name, description: name, examples: [], options: [], run: noop }),
      ),
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
    expect(errorOf(() => parseCommandTokens(testCommand, typed('create x {} tiem=14:00', general))).message).toBe(
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
