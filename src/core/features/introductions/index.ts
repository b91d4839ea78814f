/**
 * Introductions, with consent: people who marked the same question or challenge
 * Interested can meet in one private group conversation, when each of them turned
 * introductions on. Its subcommands join `/agenda`.
 */
import type { Feature } from '../declaration.js';
import { introductionsCommand } from './consent.js';
import { introduceCommand } from './introduce.js';

export const introductions: Feature = {
  name: 'introductions',
  subcommands: { agenda: [introduceCommand, introductionsCommand] },
};
