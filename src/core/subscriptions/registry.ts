/** The weekly question's commands and buttons, appended to `/agenda` in `commands/index.ts`. */
import type { ActionSpec, SubcommandSpec } from '../commands/spec.js';
import { anotherAction, interestedAction } from './buttons.js';
import { digestNowCommand, digestPreviewCommand, interestsCommand } from './digest-commands.js';
import { pauseCommand, resumeCommand, subscriptionsCommand, unsubscribeCommand } from './manage.js';
import { subscribeCommand } from './subscribe.js';

export const digestSubcommands: readonly SubcommandSpec[] = [
  subscribeCommand,
  subscriptionsCommand,
  unsubscribeCommand,
  pauseCommand,
  resumeCommand,
  digestPreviewCommand,
  digestNowCommand,
  interestsCommand,
];

export const digestActions: readonly ActionSpec[] = [interestedAction, anotherAction];
