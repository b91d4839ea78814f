/** The weekly question's commands and buttons, appended to `/agenda` in `commands/index.ts`. */
import type { ActionSpec, CompleterSpec, SubcommandSpec } from '../commands/spec.js';
import { isVisibleTo } from './access.js';
import { scheduleText } from './describe.js';
import { anotherAction, interestedAction } from './buttons.js';
import { digestNowCommand, digestPreviewCommand, interestsCommand } from './digest-commands.js';
import { pauseCommand, resumeCommand, subscriptionsCommand, unsubscribeCommand } from './manage.js';
import { subscribeCommand } from './subscribe.js';
import { headOf } from '../text/cut.js';

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

/** Discord autocomplete for subscription ids: the asker's visible subscriptions, matching what is typed. */
export const subscriptionCompleter: CompleterSpec = {
  source: 'subscription',
  complete(ctx, partial, services) {
    const typed = partial.trim().toLowerCase();
    return services.subscriptions
      .list(ctx.actor.platform, ctx.actor.tenantId)
      .filter((s) => isVisibleTo(s, ctx))
      .map((s) => {
        const where = s.target.kind === 'channel' ? `channel ${s.target.channelId}` : 'you, by DM';
        const state = s.paused ? ', paused' : '';
        return { name: headOf(`${s.id}: ${where}, ${scheduleText(s)}${state}`, 100), value: String(s.id) };
      })
      .filter((c) => typed === '' || c.name.toLowerCase().includes(typed));
  },
};
