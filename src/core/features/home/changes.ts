/**
 * Which commands and buttons change what a person's home page shows, so a platform
 * that keeps the page on screen (the Slack Home tab) redraws it after them and after
 * nothing else. Only the person who acted is redrawn: others see the change the next
 * time they open their page, which always builds it afresh.
 */
import { ACTIONS as GROUP_ACTIONS } from '../reading-groups/session-cards.js';
import { INTERESTED_ACTION } from '../weekly-question/card.js';
import { HOME_ACTIONS } from './actions.js';

/** By command, the first word of the subcommands that change the page. */
const CHANGING_SUBCOMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  agenda: new Set(['subscribe', 'unsubscribe', 'pause', 'resume']),
  readinggroup: new Set(['create', 'join', 'leave', 'facilitate', 'skip', 'postpone', 'pause', 'resume', 'archive']),
};

const CHANGING_ACTIONS: ReadonlySet<string> = new Set([
  INTERESTED_ACTION,
  GROUP_ACTIONS.join,
  GROUP_ACTIONS.leave,
  GROUP_ACTIONS.going,
  GROUP_ACTIONS.notGoing,
  HOME_ACTIONS.pause,
  HOME_ACTIONS.resume,
  HOME_ACTIONS.unsubscribe,
]);

export type HomeTrigger =
  | { readonly kind: 'command'; readonly command: string; readonly text: string }
  | { readonly kind: 'press'; readonly action: string };

export function changesHome(trigger: HomeTrigger): boolean {
  if (trigger.kind === 'press') return CHANGING_ACTIONS.has(trigger.action);
  const first = trigger.text.trim().split(/\s+/u)[0]?.toLowerCase() ?? '';
  return CHANGING_SUBCOMMANDS[trigger.command]?.has(first) ?? false;
}
