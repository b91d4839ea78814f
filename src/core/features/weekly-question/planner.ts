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
import type { PlanEntry } from '../../jobs/deliveries.js';
import { latestOccurrence, nextOccurrence, type Occurrence, type WeeklyRule } from '../../time/weekly.js';
import { digestCard, threadPlan } from './card.js';
import { digestKey } from './keys.js';
import type { PostedQuestion, RecordedPost, Subscription } from './model.js';
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
  if (await tx.deliveries.get(digestKey(subscription.id, occurrence.week))) return 'exists';
  const plan = choosePost(services, subscription, occurrence, await tx.subscriptions.history(subscription.id));
  await writePlans(tx, [plan], now);
  return plan.outcome;
}

/** What planning one subscription writes, decided from what was read: its delivery, and a post's rotation memory. */
interface Plan {
  readonly entry: PlanEntry;
  readonly post?: RecordedPost;
  /** Its log line, written once its delivery is. */
  readonly note?: () => void;
}

/** A post's plan, and whether it is one (a filter that admits no question skips the week instead). */
interface PostPlan extends Plan {
  readonly outcome: 'planned' | 'nothing-eligible';
}

/** The post for this occurrence, given the subscription's history: the rotation's next pick, or a skipped week. */
function choosePost(
  services: Services,
  subscription: Subscription,
  occurrence: Occurrence,
  history: readonly PostedQuestion[],
): PostPlan {
  const key = digestKey(subscription.id, occurrence.week);
  const catalog = services.agenda();
  const eligible = eligibleQuestions(catalog, subscription.scope, subscription.origin);
  const pick = pickNext(eligible, history, subscription);
  const destination = destinationOf(subscription);
  if (pick.questions.length === 0) {
    const reply = { visibility: 'channel', summary: 'no eligible question', blocks: [] } as const;
    return {
      outcome: 'nothing-eligible',
      entry: {
        delivery: { key, destination, reply, dueAt: occurrence.at },
        skippedReason: 'no eligible question in the agenda for this filter',
      },
      note: () =>
        services.logger.warn(
          { subscriptionId: subscription.id, key },
          'no eligible question for this subscription; week skipped',
        ),
    };
  }
  const card = digestCard(
    catalog,
    pick.questions.map((question) => ({ question, interested: 0 })),
    { round: pick.round, newRound: pick.newRound, deliveryKey: key, subscriptionId: subscription.id },
  );
  const thread = threadPlan(catalog, pick.questions, occurrence.week);
  const questions = pick.questions.map((q, position) => ({
    deliveryKey: key,
    position,
    round: pick.round,
    questionId: q.id,
    challengeId: q.challengeId,
    newRound: pick.newRound,
  }));
  return {
    outcome: 'planned',
    entry: { delivery: { key, destination, reply: card, dueAt: occurrence.at, thread } },
    post: { id: subscription.id, round: pick.round, questions },
  };
}

/** The deliveries in one statement, then (once written) their log lines, then the posts' rotation memory. */
async function writePlans(tx: Stores, plans: readonly Plan[], now: Date): Promise<void> {
  await tx.deliveries.planAll(
    plans.map((plan) => plan.entry),
    now,
  );
  for (const plan of plans) plan.note?.();
  await tx.subscriptions.recordPosts(
    plans.flatMap((plan) => (plan.post ? [plan.post] : [])),
    now,
  );
}

/** Batches of due subscriptions planned at once: their transactions overlap on a database server (see `forEachConcurrently`). */
const PLANNING_CONCURRENCY = 8;
/**
 * Due subscriptions planned in one transaction: a large fan-out is mostly round trips and commits on a database
 * server, and a batch shares one BEGIN and COMMIT and a handful of statements (each reads or writes the whole
 * batch at once), instead of five statements a subscription.
 */
const PLANNING_BATCH = 20;

/**
 * The sweeper's provider step for weekly questions. A subscription that cannot be planned holds back no other:
 * every other one is planned, then the first failure is thrown for the sweep to log (it stays due, and is tried
 * again next sweep).
 */
export async function planDueDigests(services: Services, now: Date): Promise<void> {
  const due = await services.subscriptions.due(now);
  const batches = Array.from({ length: Math.ceil(due.length / PLANNING_BATCH) }, (_, i) =>
    due.slice(i * PLANNING_BATCH, (i + 1) * PLANNING_BATCH),
  );
  const failures: unknown[] = [];
  await forEachConcurrently(batches, PLANNING_CONCURRENCY, (batch) => planBatch(services, batch, now, failures));
  if (failures.length > 0) throw failures[0];
}

/** One batch in one transaction; if it fails, each of its subscriptions alone, so that only the failing one fails. */
async function planBatch(services: Services, batch: readonly Subscription[], now: Date, failures: unknown[]) {
  try {
    await services.store.atomically((tx) => planDue(services, tx, batch, now));
  } catch (error) {
    if (batch.length === 1) failures.push(error);
    else for (const subscription of batch) await planBatch(services, [subscription], now, failures);
  }
}

/** What a due subscription needs: the occurrence to post, or the missed one to record as skipped; and its next. */
interface DueStep {
  readonly subscription: Subscription;
  readonly post?: { readonly occurrence: Occurrence; readonly key: string };
  readonly missed?: Occurrence;
  readonly next: Occurrence;
}

function dueStep(services: Services, subscription: Subscription, now: Date): DueStep {
  const catchupMs = services.settings.digestCatchupHours * 3_600_000;
  const rule = ruleOf(subscription);
  // Look back at most a few weeks: older occurrences are skipped anyway.
  const lookFrom = new Date(Math.max(subscription.nextDueAt.getTime(), now.getTime() - 15 * 86_400_000));
  const latest = latestOccurrence(rule, now, lookFrom);
  const next = nextOccurrence(rule, now);
  if (latest && now.getTime() - latest.at.getTime() <= catchupMs) {
    return { subscription, post: { occurrence: latest, key: digestKey(subscription.id, latest.week) }, next };
  }
  return latest ? { subscription, missed: latest, next } : { subscription, next };
}

/**
 * Due subscriptions: each one's post planned (or its missed week recorded as skipped) and its next due instant,
 * in a few statements for the whole batch: which posts exist, the histories of the others, then the writes.
 */
async function planDue(services: Services, tx: Stores, batch: readonly Subscription[], now: Date): Promise<void> {
  const steps = batch.map((subscription) => dueStep(services, subscription, now));
  const existing = await tx.deliveries.existingKeys(steps.flatMap((step) => (step.post ? [step.post.key] : [])));
  const fresh = steps.filter((step) => step.post && !existing.has(step.post.key));
  const histories = await tx.subscriptions.histories(fresh.map((step) => step.subscription.id));
  const plans = steps.flatMap((step): Plan[] => {
    if (step.missed) return [missedWeek(services, step.subscription, step.missed)];
    if (!step.post || existing.has(step.post.key)) return [];
    const history = histories.get(step.subscription.id) ?? [];
    return [choosePost(services, step.subscription, step.post.occurrence, history)];
  });
  await writePlans(tx, plans, now);
  await tx.subscriptions.setNextDues(steps.map((step) => ({ id: step.subscription.id, nextDueAt: step.next.at })));
}

/** A week missed while the bot was down, older than the catch-up window: recorded as skipped, never posted late. */
function missedWeek(services: Services, subscription: Subscription, missed: Occurrence): Plan {
  const reply = { visibility: 'channel', summary: 'missed', blocks: [] } as const;
  return {
    entry: {
      delivery: {
        key: digestKey(subscription.id, missed.week),
        destination: destinationOf(subscription),
        reply,
        dueAt: missed.at,
      },
      skippedReason: 'missed during downtime, older than the catch-up window',
    },
    note: () =>
      services.logger.info(
        {
          subscriptionId: subscription.id,
          dueAt: missed.at.toISOString(),
          catchupHours: services.settings.digestCatchupHours,
        },
        'skipped a weekly question missed while the bot was down',
      ),
  };
}
