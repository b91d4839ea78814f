/**
 * The weekly card's buttons. **Interested** records the presser's interest and redraws
 * the card with the new count; **Another question** shows one more question from the
 * same filter to the presser alone. Both check the post belongs to the presser's tenant.
 */
import type { ActionSpec } from '../../commands/spec.js';
import type { CommandContext } from '../../context.js';
import { UserError } from '../../errors.js';
import { ephemeralText, type Reply } from '../../message.js';
import type { Services } from '../../services.js';
import { ANOTHER_ACTION, digestCard, INTERESTED_ACTION, originLabel, questionBlocks } from './card.js';
import { subscriptionIdOfKey } from './keys.js';
import { eligibleQuestions, hash } from './rotation.js';

const GONE = 'That weekly question is no longer known here. `/agenda digest preview` shows the next one.';

/** The card of a sent post, redrawn from what was posted and who is interested now. */
export async function redrawCard(services: Services, deliveryKey: string): Promise<Reply | undefined> {
  const catalog = services.agenda();
  const posted = await services.subscriptions.postedIn(deliveryKey);
  const subscriptionId = subscriptionIdOfKey(deliveryKey);
  const counted = await Promise.all(
    posted.map(async (p) => {
      const question = catalog.question(p.questionId);
      return question
        ? [{ question, interested: await services.subscriptions.interestCount(deliveryKey, p.questionId) }]
        : [];
    }),
  );
  const questions = counted.flat();
  const first = posted[0];
  if (!first || questions.length === 0 || subscriptionId === undefined) return undefined;
  return digestCard(catalog, questions, { round: first.round, newRound: first.newRound, deliveryKey, subscriptionId });
}

async function ownPost(services: Services, ctx: CommandContext, deliveryKey: string): Promise<boolean> {
  const record = await services.deliveries.get(deliveryKey);
  return record !== undefined && record.platform === ctx.actor.platform && record.tenantId === ctx.actor.tenantId;
}

export const interestedAction: ActionSpec = {
  action: INTERESTED_ACTION,
  async run(ctx, value, services) {
    const separator = value.lastIndexOf('|');
    const deliveryKey = value.slice(0, separator);
    const questionId = value.slice(separator + 1);
    if (separator < 0 || !(await ownPost(services, ctx, deliveryKey))) throw new UserError('unknown-post', GONE);
    if (!(await services.subscriptions.postedIn(deliveryKey)).some((p) => p.questionId === questionId)) {
      throw new UserError('unknown-post', GONE);
    }
    const added = await services.subscriptions.addInterest(
      ctx.actor.platform,
      ctx.actor.tenantId,
      ctx.actor.userId,
      questionId,
      deliveryKey,
      services.clock.now(),
    );
    const note = added
      ? `Noted: you are interested in ${questionId}. /agenda interests lists yours.`
      : `You had already said you are interested in ${questionId}. /agenda interests lists yours.`;
    const update = await redrawCard(services, deliveryKey);
    return { reply: ephemeralText(note), ...(update ? { update } : {}) };
  },
};

export const anotherAction: ActionSpec = {
  action: ANOTHER_ACTION,
  async run(ctx, value, services) {
    const catalog = services.agenda();
    const id = Number(value);
    // The subscription may be gone; its post can still offer questions from the whole agenda.
    const subscription = Number.isInteger(id)
      ? await services.subscriptions.find(ctx.actor.platform, ctx.actor.tenantId, id)
      : undefined;
    const eligible = subscription
      ? eligibleQuestions(catalog, subscription.scope, subscription.origin)
      : catalog.questions();
    const pool = eligible.length > 0 ? eligible : catalog.questions();
    const index = hash(`${ctx.actor.userId}:${services.clock.now().getTime()}`) % Math.max(1, pool.length);
    const question = pool[index];
    if (!question) throw new UserError('nothing-eligible', 'The agenda has no questions to offer right now.');
    return {
      reply: {
        visibility: 'ephemeral',
        summary: `Another question, just for you: ${question.id} (${originLabel(question)}): ${question.text}`,
        blocks: [{ kind: 'heading', text: 'Another question, just for you' }, ...questionBlocks(catalog, question)],
      },
    };
  },
};
