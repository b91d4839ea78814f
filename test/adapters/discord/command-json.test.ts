import { describe, expect, it } from 'vitest';
import { buildCommandJson, CommandJsonError } from '../../../adapters/discord/command-json.js';
import { defineSubcommand, type CommandSpec } from '../../../src/core/commands/spec.js';
import { ephemeralText } from '../../../src/core/message.js';

const run = () => ephemeralText('ok');

const command: CommandSpec = {
  name: 'agenda',
  description: 'Look things up',
  defaultSubcommand: 'help',
  subcommands: [
    defineSubcommand({ name: 'help', description: 'How to use the bot', examples: ['/agenda help'], options: [], run }),
    defineSubcommand({
      name: 'search',
      description: 'Search the agenda',
      examples: ['/agenda search jailbreak'],
      options: [
        { name: 'in', kind: 'string', description: 'Challenge or category', syntax: 'keyed', autocomplete: 'scope' },
        { name: 'words', kind: 'string', description: 'What to look for', syntax: 'rest', required: true, max: 200 },
        {
          name: 'origin',
          kind: 'string',
          description: 'paper or prompt',
          syntax: 'keyed',
          choices: ['paper', 'prompt'],
        },
      ],
      run,
    }),
    defineSubcommand({
      name: 'digest preview',
      description: 'Preview the next question',
      examples: ['/agenda digest preview'],
      options: [
        { name: 'weeks', kind: 'integer', description: 'How many weeks', syntax: 'keyed', min: 1, max: 8 },
        { name: 'channel', kind: 'channel', description: 'Where', syntax: 'positional' },
        { name: 'who', kind: 'user', description: 'For whom', syntax: 'positional' },
      ],
      run,
    }),
  ],
};

describe('buildCommandJson', () => {
  it('maps a command to a guild slash command with typed options, groups for two-word names', () => {
    expect(buildCommandJson([command])).toEqual([
      {
        type: 1,
        name: 'agenda',
        description: 'Look things up',
        contexts: [0],
        options: [
          { type: 1, name: 'help', description: 'How to use the bot', options: [] },
          {
            type: 1,
            name: 'search',
            description: 'Search the agenda',
            options: [
              { type: 3, name: 'words', description: 'What to look for', required: true, max_length: 200 },
              { type: 3, name: 'in', description: 'Challenge or category', required: false, autocomplete: true },
              {
                type: 3,
                name: 'origin',
                description: 'paper or prompt',
                required: false,
                choices: [
                  { name: 'paper', value: 'paper' },
                  { name: 'prompt', value: 'prompt' },
                ],
              },
            ],
          },
          {
            type: 2,
            name: 'digest',
            description: 'digest commands',
            options: [
              {
                type: 1,
                name: 'preview',
                description: 'Preview the next question',
                options: [
                  {
                    type: 4,
                    name: 'weeks',
                    description: 'How many weeks',
                    required: false,
                    min_value: 1,
                    max_value: 8,
                  },
                  { type: 7, name: 'channel', description: 'Where', required: false, channel_types: [0, 5] },
                  { type: 6, name: 'who', description: 'For whom', required: false },
                ],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('refuses names Discord would reject, naming the declaration', () => {
    const bad: CommandSpec = {
      ...command,
      subcommands: [defineSubcommand({ name: 'Search', description: 'x', examples: [], options: [], run })],
    };
    expect(() => buildCommandJson([bad])).toThrow(
      new CommandJsonError(
        '/agenda Search: "Search" is not a valid Discord name (1-32 lower-case letters, digits, - or _).',
      ),
    );
  });

  it('refuses a word that is both a subcommand and a group', () => {
    const clash: CommandSpec = {
      ...command,
      subcommands: [
        defineSubcommand({ name: 'digest', description: 'x', examples: [], options: [], run }),
        defineSubcommand({ name: 'digest preview', description: 'y', examples: [], options: [], run }),
      ],
    };
    expect(() => buildCommandJson([clash])).toThrow('"digest" is already a subcommand');
  });

  it('refuses descriptions over 100 characters', () => {
    const long: CommandSpec = { ...command, description: 'x'.repeat(101) };
    expect(() => buildCommandJson([long])).toThrow('/agenda: the description must be 1-100 characters (it has 101).');
  });
});
