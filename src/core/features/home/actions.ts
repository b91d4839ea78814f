/**
 * The home page's own buttons. Pause, Resume and Unsubscribe run the same subcommands
 * as `/agenda pause|resume|unsubscribe <id>` (same checks, same replies); the quick
 * starts answer with the first step of each path. RSVP and Open buttons on the page
 * are the reading-group and lookup actions themselves, not copies.
 */
import type { ActionSpec, SubcommandSpec } from '../../commands/spec.js';
import { UserError } from '../../errors.js';
import type { Reply } from '../../message.js';
import { openButton } from '../lookups/format.js';
import { create as createGroup } from '../reading-groups/commands/create.js';
import { pauseCommand, resumeCommand, unsubscribeCommand } from '../weekly-question/manage.js';
import { subscribeCommand } from '../weekly-question/subscribe.js';

export const HOME_ACTIONS = {
  pause: 'home.pause',
  resume: 'home.resume',
  unsubscribe: 'home.unsubscribe',
  start: 'home.start',
} as const;

export type QuickStart = 'browse' | 'subscribe' | 'group';

const DAMAGED = 'That button is damaged. Open the Home tab again.';

/** A button that runs a subscription subcommand on the id it carries. */
function subscriptionAction(action: string, command: SubcommandSpec): ActionSpec {
  return {
    action,
    async run(ctx, value, services) {
      if (!/^\d{1,12}$/u.test(value)) throw new UserError('stale-button', DAMAGED);
      return { reply: await command.run(ctx, { id: Number(value) } as never, services) };
    },
  };
}

function steps(heading: string, lines: readonly string[], examples: readonly string[]): Reply {
  return {
    visibility: 'ephemeral',
    summary: `${heading}: ${examples.join(' · ')}`,
    blocks: [
      { kind: 'heading', text: heading },
      ...lines.map((line) => ({ kind: 'text' as const, spans: [line] })),
      { kind: 'text', spans: examples.flatMap((e, i) => [...(i > 0 ? ['\n'] : []), { text: e, code: true }]) },
    ],
  };
}

function quickStart(which: string, services: Parameters<ActionSpec['run']>[2]): Reply {
  if (which === 'browse') {
    const categories = services.agenda().agenda.categories;
    return {
      visibility: 'ephemeral',
      summary: `The agenda's categories: ${categories.map((c) => `${c.section} ${c.title}`).join('; ')}`,
      blocks: [
        { kind: 'heading', text: 'Browse the agenda' },
        { kind: 'list', items: categories.map((c) => ({ id: c.section, text: [c.title] })) },
        { kind: 'buttons', buttons: categories.map((c) => openButton(c.section, `Open §${c.section}`)) },
        { kind: 'context', spans: ['/agenda search <words> finds questions; /agenda random picks one.'] },
      ],
    };
  }
  if (which === 'subscribe') {
    const line = 'One research question a week: to you by direct message, or to a channel you manage.';
    return steps('Subscribe to a weekly question', [line], subscribeCommand.examples);
  }
  if (which === 'group') {
    return steps('Start a reading group', ['Run this in the channel where the group will meet.'], createGroup.examples);
  }
  throw new UserError('stale-button', DAMAGED);
}

export const homeActions: readonly ActionSpec[] = [
  subscriptionAction(HOME_ACTIONS.pause, pauseCommand),
  subscriptionAction(HOME_ACTIONS.resume, resumeCommand),
  subscriptionAction(HOME_ACTIONS.unsubscribe, unsubscribeCommand),
  { action: HOME_ACTIONS.start, run: (_ctx, value, services) => ({ reply: quickStart(value, services) }) },
];
