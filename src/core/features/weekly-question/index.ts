/**
 * The weekly question: subscriptions that post one research question a week to a channel
 * or by DM, with Interested and Another buttons. Its subcommands join `/agenda`.
 */
import type { CompleterSpec } from '../../commands/spec.js';
import type { Feature } from '../declaration.js';
import { isVisibleTo } from './access.js';
import { scheduleText } from './describe.js';
import { anotherAction, interestedAction } from './buttons.js';
import { digestNowCommand, digestPreviewCommand, interestsCommand } from './digest-commands.js';
import { pauseCommand, resumeCommand, subscriptionsCommand, unsubscribeCommand } from './manage.js';
import { weeklyQuestionPosts } from './scheduled-posts.js';
import { subscribeCommand } from './subscribe.js';
import { headOf } from '../../text/cut.js';

const digestSubcommands = [
  subscribeCommand,
  subscriptionsCommand,
  unsubscribeCommand,
  pauseCommand,
  resumeCommand,
  digestPreviewCommand,
  digestNowCommand,
  interestsCommand,
];

/** Discord autocomplete for subscription ids: the asker's visible subscriptions, matching what is typed. */
const subscriptionCompleter: CompleterSpec = {
  source: 'subscription',
  async complete(ctx, partial, services) {
    const typed = partial.trim().toLowerCase();
    return (await services.subscriptions.list(ctx.actor.platform, ctx.actor.tenantId))
      .filter((s) => isVisibleTo(s, ctx))
      .map((s) => {
        const where = s.target.kind === 'channel' ? `channel ${s.target.channelId}` : 'you, by DM';
        const state = s.paused ? ', paused' : '';
        return { name: headOf(`${s.id}: ${where}, ${scheduleText(s)}${state}`, 100), value: String(s.id) };
      })
      .filter((c) => typed === '' || c.name.toLowerCase().includes(typed));
  },
};

export const weeklyQuestion: Feature = {
  name: 'weekly-question',
  subcommands: { agenda: digestSubcommands },
  actions: [interestedAction, anotherAction],
  completers: [subscriptionCompleter],
  scheduled: weeklyQuestionPosts,
};
