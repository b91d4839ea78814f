/**
 * Every feature of the bot, in one list. The command registry, the sweeper's planners
 * and the outbox's failure routing are all built from it; a new feature is one folder
 * beside these and one entry here.
 */
import { buildRegistry } from '../commands/registry.js';
import type { CommandSpec } from '../commands/spec.js';
import type { ScheduledFeature } from '../jobs/features.js';
import { calendars } from './calendar/index.js';
import { scheduledFeaturesOf, type Feature } from './declaration.js';
import { inlineReferences } from './inline-references/index.js';
import { home } from './home/index.js';
import { introductions } from './introductions/index.js';
import { lookups } from './lookups/index.js';
import { readingGroups } from './reading-groups/index.js';
import { weeklyQuestion } from './weekly-question/index.js';

export const features: readonly Feature[] = [
  lookups,
  weeklyQuestion,
  readingGroups,
  calendars,
  introductions,
  inlineReferences,
  home,
];

export const registry = buildRegistry(features, { shareCommand: 'agenda' });

/** `/agenda`, with every feature's subcommands. */
export const agendaCommand: CommandSpec = registry.commands.find((c) => c.name === 'agenda') as CommandSpec;

export const scheduledFeatures: readonly ScheduledFeature[] = scheduledFeaturesOf(features);
