/** `/agenda digest preview [id]`, `/agenda digest now <id>`, `/agenda interests`. */
import type { CommandContext } from '../../context.js';
import { defineSubcommand } from '../../commands/spec.js';
import { UserError } from '../../errors.js';
import { spansToPlain, type Reply, type Span } from '../../message.js';
import type { Services } from '../../services.js';
import { nextOccurrence, weekOf } from '../../time/weekly.js';
import { findChangeable, findVisible, isVisibleTo } from './access.js';
import { digestCard, originLabel } from './card.js';
import { localText, targetSpans } from './describe.js';
import { digestKey } from './keys.js';
import type { Subscription } from './model.js';
import { planPost, ruleOf } from './planner.js';
import { eligibleQuestions, pickNext } from './rotation.js';

/** Without an id: the one subscription that posts where the asker is. */
async function subscriptionHere(
  services: Services,
  ctx: CommandContext,
  id: number | undefined,
): Promise<Subscription> {
  if (id !== undefined) return findVisible(services, ctx, id);
  const visible = (await services.subscriptions.list(ctx.actor.platform, ctx.actor.tenantId)).filter((s) =>
    isVisibleTo(s, ctx),
  );
  const here = visible.filter((s) =>
    ctx.isDirect
      ? s.target.kind === 'user'
      : s.target.kind === 'channel' && s.target.channelId === ctx.conversation.channelId,
  );
  const only = here.length === 1 ? here[0] : undefined;
  if (only) return only;
  const ids = (here.length > 1 ? here : visible).map((s) => s.id);
  const known =
    ids.length > 0
      ? ` Yours to choose from: ${ids.join(', ')}.`
      : ' There are none yet: `/agenda subscribe` starts one.';
  throw new UserError(
    'which-subscription',
    `${here.length > 1 ? 'Several subscriptions post here' : 'No subscription posts here'}; give its id, e.g. \`/agenda digest preview ${ids[0] ?? 1}\`.${known}`,
  );
}

const optionalId = {
  name: 'id',
  kind: 'integer',
  syntax: 'positional',
  min: 1,
  description: 'Subscription id',
  autocomplete: 'subscription',
} as const;

export const digestPreviewCommand = defineSubcommand({
  name: 'digest preview',
  description: 'Show what the next weekly question will be',
  examples: ['/agenda digest preview 4'],
  options: [optionalId] as const,
  async run(ctx, args, services): Promise<Reply> {
    const subscription = await subscriptionHere(services, ctx, args.id);
    const catalog = services.agenda();
    const eligible = eligibleQuestions(catalog, subscription.scope, subscription.origin);
    const pick = pickNext(eligible, await services.subscriptions.history(subscription.id), subscription);
    if (pick.questions.length === 0) {
      throw new UserError(
        'nothing-eligible',
        `Subscription ${subscription.id}'s filter matches no question in the current agenda; weeks are skipped until it does.`,
      );
    }
    const card = digestCard(
      catalog,
      pick.questions.map((question) => ({ question, interested: 0 })),
      {
        round: pick.round,
        newRound: pick.newRound,
        heading: `Preview of subscription ${subscription.id}'s next post`,
        visibility: 'ephemeral',
      },
    );
    const when: Span[] = subscription.paused
      ? ['This subscription is paused.']
      : ['Due ', { time: subscription.nextDueAt, style: 'full' }, '.'];
    return { ...card, blocks: [...card.blocks, { kind: 'context', spans: when }] };
  },
});

export const digestNowCommand = defineSubcommand({
  name: 'digest now',
  description: "Post this week's question now (it counts as this week's post)",
  examples: ['/agenda digest now 4'],
  options: [{ ...optionalId, required: true }] as const,
  async run(ctx, args, services): Promise<Reply> {
    const subscription = await findChangeable(services, ctx, args.id);
    const now = services.clock.now();
    const week = weekOf(now, subscription.zone);
    const key = digestKey(subscription.id, week);
    const rule = ruleOf(subscription);
    const outcome = await services.store.atomically(async (tx) => {
      const result = await planPost(services, tx, subscription, { at: now, week, localDate: '' }, now);
      if (result === 'planned' && weekOf(subscription.nextDueAt, subscription.zone) === week) {
        await tx.subscriptions.setNextDue(subscription.id, nextOccurrence(rule, subscription.nextDueAt).at);
      }
      return result;
    });
    if (outcome === 'exists') {
      const next = (await services.subscriptions.byId(subscription.id))?.nextDueAt ?? subscription.nextDueAt;
      throw new UserError(
        'already-posted',
        `This week's question (${week}) for subscription ${subscription.id} was already posted or skipped. The next one is due ${localText(next, subscription.zone)}.`,
      );
    }
    if (outcome === 'nothing-eligible') {
      throw new UserError(
        'nothing-eligible',
        `Subscription ${subscription.id}'s filter matches no question in the current agenda.`,
      );
    }
    const record = await services.outbox.deliver(key);
    const target = targetSpans(subscription);
    if (record?.state === 'sent')
      return reply([`Posted this week's question to `, ...target, ". It counts as this week's post."]);
    if (record?.state === 'pending')
      return reply([
        "The platform did not take the post yet; it will be retried shortly and counts as this week's post.",
      ]);
    return reply([`Could not post to `, ...target, `: ${record?.reason ?? 'unknown problem'}.`]);
  },
});

function reply(spans: Span[]): Reply {
  // The summary is plain text: a channel span becomes `#id` there, never nothing.
  return { visibility: 'ephemeral', summary: spansToPlain(spans), blocks: [{ kind: 'text', spans }] };
}

export const interestsCommand = defineSubcommand({
  name: 'interests',
  description: 'List the questions you marked as interesting',
  examples: ['/agenda interests'],
  options: [] as const,
  async run(ctx, _args, services): Promise<Reply> {
    const catalog = services.agenda();
    const seen = new Set<string>();
    const interests = await services.subscriptions.interestsOf(
      ctx.actor.platform,
      ctx.actor.tenantId,
      ctx.actor.userId,
    );
    const items = interests
      .filter((i) => (seen.has(i.questionId) ? false : (seen.add(i.questionId), true)))
      .flatMap((i) => {
        const question = catalog.question(i.questionId);
        return question
          ? [
              {
                id: question.id,
                text: [`${question.text} (${originLabel(question)})`],
                origin: question.origin,
                originInText: true,
              },
            ]
          : [];
      });
    if (items.length === 0) {
      const message = 'You have not marked any question yet. Press Interested under a weekly question to keep it here.';
      return { visibility: 'ephemeral', summary: message, blocks: [{ kind: 'text', spans: [message] }] };
    }
    return {
      visibility: 'ephemeral',
      summary: `Your interests: ${items.map((i) => i.id).join(', ')}`,
      blocks: [
        { kind: 'heading', text: 'Questions you are interested in' },
        { kind: 'list', items },
      ],
    };
  },
});
