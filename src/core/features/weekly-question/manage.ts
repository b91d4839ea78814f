/** `/agenda subscriptions`, `unsubscribe <id>`, `pause <id>`, `resume <id>`. */
import { defineSubcommand, type OptionSpec } from '../../commands/spec.js';
import { UserError } from '../../errors.js';
import type { Reply, Span } from '../../message.js';
import type { Stores } from '../../store.js';
import { nextOccurrence } from '../../time/weekly.js';
import { findChangeable, isVisibleTo } from './access.js';
import { localText, subscriptionItem, targetSpans } from './describe.js';
import { digestKeyPrefix } from './keys.js';
import { ruleOf } from './planner.js';

const idOption = {
  name: 'id',
  kind: 'integer',
  syntax: 'positional',
  required: true,
  min: 1,
  description: 'Subscription id (see /agenda subscriptions)',
  autocomplete: 'subscription',
} as const satisfies OptionSpec;

/** A post still waiting for a retry must not arrive after an unsubscribe or a pause. */
async function cancelWaitingPosts(tx: Stores, subscriptionId: number, reason: string, now: Date): Promise<void> {
  await tx.deliveries.cancelPending(digestKeyPrefix(subscriptionId), reason, now);
}

function text(spans: Span[], summary: string): Reply {
  return { visibility: 'ephemeral', summary, blocks: [{ kind: 'text', spans }] };
}

export const subscriptionsCommand = defineSubcommand({
  name: 'subscriptions',
  description: "List this workspace's or server's weekly-question subscriptions",
  examples: ['/agenda subscriptions'],
  options: [] as const,
  async run(ctx, _args, services): Promise<Reply> {
    const catalog = services.agenda();
    const visible = (await services.subscriptions.list(ctx.actor.platform, ctx.actor.tenantId)).filter((s) =>
      isVisibleTo(s, ctx),
    );
    if (visible.length === 0) {
      const message =
        'There are no weekly-question subscriptions here yet. Start one with `/agenda subscribe` (by DM) or `/agenda subscribe #channel`.';
      return text([message], message);
    }
    return {
      visibility: 'ephemeral',
      summary: `${visible.length} subscription(s): ${visible.map((s) => s.id).join(', ')}`,
      blocks: [
        { kind: 'heading', text: 'Weekly research question subscriptions' },
        { kind: 'list', items: visible.map((s) => subscriptionItem(catalog, s)) },
        {
          kind: 'context',
          spans: [
            'Times are shown in your own time zone. Change one with /agenda pause, resume or unsubscribe and its id.',
          ],
        },
      ],
    };
  },
});

export const unsubscribeCommand = defineSubcommand({
  name: 'unsubscribe',
  description: 'Stop a weekly-question subscription',
  examples: ['/agenda unsubscribe 4'],
  options: [idOption] as const,
  async run(ctx, args, services): Promise<Reply> {
    const subscription = await findChangeable(services, ctx, args.id);
    await services.store.atomically(async (tx) => {
      await tx.subscriptions.remove(subscription.id);
      await cancelWaitingPosts(tx, subscription.id, 'unsubscribed', services.clock.now());
    });
    return text(
      [
        `Unsubscribed: subscription ${subscription.id} to `,
        ...targetSpans(subscription),
        ' will get no more weekly questions.',
      ],
      `Unsubscribed ${subscription.id}.`,
    );
  },
});

export const pauseCommand = defineSubcommand({
  name: 'pause',
  description: 'Pause a weekly-question subscription',
  examples: ['/agenda pause 4'],
  options: [idOption] as const,
  async run(ctx, args, services): Promise<Reply> {
    const subscription = await findChangeable(services, ctx, args.id);
    if (subscription.paused) {
      throw new UserError(
        'already-paused',
        `Subscription ${subscription.id} is already paused. \`/agenda resume ${subscription.id}\` restarts it.`,
      );
    }
    await services.store.atomically(async (tx) => {
      await tx.subscriptions.setPaused(subscription.id, true, 'by hand, with /agenda pause', subscription.nextDueAt);
      await cancelWaitingPosts(tx, subscription.id, 'paused', services.clock.now());
    });
    return text(
      [
        `Paused subscription ${subscription.id} to `,
        ...targetSpans(subscription),
        `. Resume with /agenda resume ${subscription.id}.`,
      ],
      `Paused ${subscription.id}.`,
    );
  },
});

export const resumeCommand = defineSubcommand({
  name: 'resume',
  description: 'Resume a paused weekly-question subscription',
  examples: ['/agenda resume 4'],
  options: [idOption] as const,
  async run(ctx, args, services): Promise<Reply> {
    const subscription = await findChangeable(services, ctx, args.id);
    if (!subscription.paused) {
      throw new UserError(
        'not-paused',
        `Subscription ${subscription.id} is not paused; its next post is as listed in \`/agenda subscriptions\`.`,
      );
    }
    // Weeks missed while paused are not made up: the next post is the next regular one.
    const next = nextOccurrence(ruleOf(subscription), services.clock.now());
    await services.subscriptions.setPaused(subscription.id, false, undefined, next.at);
    return text(
      [
        `Resumed subscription ${subscription.id} to `,
        ...targetSpans(subscription),
        '. Next post: ',
        { time: next.at, style: 'full' },
        '.',
      ],
      `Resumed ${subscription.id}; next post: ${localText(next.at, subscription.zone)}.`,
    );
  },
});
