/**
 * Turns due subscriptions into planned posts. Choosing the questions, remembering them
 * for the rotation, writing the pending delivery and moving the next due instant happen
 * in one transaction, so a crash leaves either all of it or none.
 *
 * Downtime: only the latest missed occurrence counts; it is posted if it is less than
 * `digestCatchupHours` old, otherwise recorded as skipped with a log line. Never a backlog.
 */
import { forEachConcurrently } from '../../jobs/concurrently.js';
import type { Services } from '../../services.js';
import type { Stores } from '../../store.js';
import type { Destination } from '../../ports.js';
import { latestOccurrence, nextOccurrence, type Occurrence, type WeeklyRule } from '../../time/weekly.js';
import { digestCard, threadPlan } from './card.js';
import { digestKey } from './keys.js';
import type { Subscription } from './model.js';
import { eligibleQuestions, pickNext } from './rotation.js';

export function ruleOf(subscription: Subscription): WeeklyRule {
  return { weekday: subscription.weekday, time: subscription.time, zone: subscription.zone };
}

export function destinationOf(subscription: Subscription): Destination {
  return subscription.target.kind === 'channel'
    ? {
        kind: 'channel',
        conversation: {
          platform: subscription.platform,
          tenantId: subscription.tenantId,
          channelId: subscription.target.channelId,
        },
      }
    : {
        kind: 'user',
        platform: subscription.platform,
        tenantId: subscription.tenantId,
        userId: subscription.target.userId,
      };
}

export type PlanOutcome = 'planned' | 'exists' | 'nothing-eligible';

/**
 * Plans the post with this key (`digest:<id>:<week>`) now, unless one exists. Call inside
 * `services.store.atomically`, with its `tx`, together with moving the due date.
 */
export async function planPost(
  services: Services,
  tx: Stores,
  subscription: Subscription,
  occurrence: Occurrence,
  now: Date,
): Promise<PlanOutcome> {
  const key = digestKey(subscription.id, occurrence.week);
  if (await tx.deliveries.get(key)) return 'exists';
  const catalog = services.agenda();
  const eligible = eligibleQuestions(catalog, subscription.scope, subscription.origin);
  const pick = pickNext(eligible, await tx.subscriptions.history(subscription.id), subscription);
  const destination = destinationOf(subscription);
  if (pick.questions.length === 0) {
    const reply = { visibility: 'channel', summary: 'no eligible question', blocks: [] } as const;
    await tx.deliveries.recordSkipped(
      { key, destination, reply, dueAt: occurrence.at },
      'no eligible question in the agenda for this filter',
      now,
    );
    services.logger.warn(
      { subscriptionId: subscription.id, key },
      'no eligible question for this subscription; week skipped',
    );
    return 'nothing-eligible';
  }
  const card = digestCard(
    catalog,
    pick.questions.map((question) => ({ question, interested: 0 })),
    { round: pick.round, newRound: pick.newRound, deliveryKey: key, subscriptionId: subscription.id },
  );
  await tx.deliveries.plan(
    {
      key,
      destination,
      reply: card,
      dueAt: occurrence.at,
      thread: threadPlan(catalog, pick.questions, occurrence.week),
    },
    now,
  );
  await tx.subscriptions.recordPost(
    subscription.id,
    pick.round,
    pick.questions.map((q, position) => ({
      deliveryKey: key,
      position,
      round: pick.round,
      questionId: q.id,
      challengeId: q.challengeId,
      newRound: pick.newRound,
    })),
    now,
  );
  return 'planned';
}

/** Subscriptions planned at once: their transactions overlap on a database server (see `forEachConcurrently`). */
const PLANNING_CONCURRENCY = 8;

/** The sweeper's provider step for weekly questions. */
export async function planDueDigests(services: Services, now: Date): Promise<void> {
  const due = await services.subscriptions.due(now);
  await forEachConcurrently(due, PLANNING_CONCURRENCY, (subscription) => planDue(services, subscription, now));
}

/** One due subscription: its post planned (or its missed week recorded as skipped) and its next due instant. */
async function planDue(services: Services, subscription: Subscription, now: Date): Promise<void> {
  const catchupMs = services.settings.digestCatchupHours * 3_600_000;
  const rule = ruleOf(subscription);
  // Look back at most a few weeks: older occurrences are skipped anyway.
  const lookFrom = new Date(Math.max(subscription.nextDueAt.getTime(), now.getTime() - 15 * 86_400_000));
  const latest = latestOccurrence(rule, now, lookFrom);
  const next = nextOccurrence(rule, now);
  await services.store.atomically(async (tx) => {
    if (latest && now.getTime() - latest.at.getTime() <= catchupMs) {
      await planPost(services, tx, subscription, latest, now);
    } else if (latest) {
      const key = digestKey(subscription.id, latest.week);
      const reply = { visibility: 'channel', summary: 'missed', blocks: [] } as const;
      await tx.deliveries.recordSkipped(
        { key, destination: destinationOf(subscription), reply, dueAt: latest.at },
        'missed during downtime, older than the catch-up window',
        now,
      );
      services.logger.info(
        {
          subscriptionId: subscription.id,
          dueAt: latest.at.toISOString(),
          catchupHours: services.settings.digestCatchupHours,
        },
        'skipped a weekly question missed while the bot was down',
      );
    }
    await tx.subscriptions.setNextDue(subscription.id, next.at);
  });
}
