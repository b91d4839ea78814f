import type { OptionSpec } from '../../commands/spec.js';

/** `origin:paper|prompt`, shared by the lookups that can filter by where a question comes from. */
export const originFilterOption = {
  name: 'origin',
  kind: 'string',
  description: 'paper (questions from the paper) or prompt (our discussion prompts)',
  syntax: 'keyed',
  choices: ['paper', 'prompt'],
} as const satisfies OptionSpec;
