/**
 * The weekly question's scheduled work: what falls due each sweep, and what happens when
 * a post fails for good (pause the subscription, record why, tell its owner once).
 */
import type { DeliveryRecord } from '../../jobs/deliveries.js';
import type { DeliveryFailure } from '../../jobs/outbox.js';
import type { Span } from '../../message.js';
import type { Services } from '../../services.js';
import { nextOccurrence, weekOf } from '../../time/weekly.js';
import type { ScheduledWork } from '../declaration.js';
import { digestKeys, pauseNoticeKey, subscriptionIdOfKey } from './keys.js';
import { planDueDigests, ruleOf } from './planner.js';

/** What went wrong, in words an owner can act on: the adapter's, or a plain fallback. */
export function describeFailure(failure: DeliveryFailure): string {
  return failure.explanation ?? `the platform refused the post (${failure.code})`;
}

async function onDigestFailed(services: Services, record: DeliveryRecord, failure: DeliveryFailure): Promise<void> {
  const id = subscriptionIdOfKey(record.key);
  const subscription = id === undefined ? undefined : await services.subscriptions.byId(id);
  if (!subscription) return;
  if (!failure.permanent) {
    services.logger.error(
      { subscriptionId: subscription.id, key: record.key, code: failure.code },
      'weekly question not posted this week',
    );
    return;
  }
  const now = services.clock.now();
  const reason = `${failure.code}: ${describeFailure(failure)}`;
  await services.store.atomically(async (tx) => {
    await tx.subscriptions.setPaused(subscription.id, true, reason, nextOccurrence(ruleOf(subscription), now).at);
    // One notice per subscription and week: the key makes a second failure in the same week silent.
    const target: Span[] =
      subscription.target.kind === 'channel'
        ? ['the channel ', { channel: subscription.target.channelId }]
        : ['your direct messages'];
    const spans: Span[] = [
      `Your weekly research question (subscription ${subscription.id}) to `,
      ...target,
      ` is paused: ${describeFailure(failure)}. When that is fixed, run `,
      { text: `/agenda resume ${subscription.id}`, code: true },
      '.',
    ];
    await tx.deliveries.plan(
      {
        key: pauseNoticeKey(subscription.id, weekOf(now, subscription.zone)),
        destination: {
          kind: 'user',
          platform: subscription.platform,
          tenantId: subscription.tenantId,
          userId: subscription.ownerId,
        },
        reply: {
          visibility: 'channel',
          summary: `Weekly question ${subscription.id} paused: ${describeFailure(failure)}.`,
          blocks: [{ kind: 'text', spans }],
        },
        dueAt: now,
      },
      now,
    );
  });
  services.logger.warn(
    { subscriptionId: subscription.id, code: failure.code },
    'subscription paused after a permanent delivery error',
  );
}

export const weeklyQuestionPosts: ScheduledWork = {
  keys: digestKeys,
  plan: planDueDigests,
  staleAfterMs: (services) => services.settings.digestCatchupHours * 3_600_000,
  onFailed: onDigestFailed,
};
