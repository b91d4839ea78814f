/**
 * Every command in the registry becomes a Slack slash command. A reply the core has
 * ready within the reply budget goes in the acknowledgment itself (one round trip);
 * slower work is acknowledged empty first, so Slack's 3-second deadline holds however
 * long the core takes, and its reply then goes to the request's `response_url`.
 */
import type { App } from '@slack/bolt';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { Logger } from '../../src/log.js';
import { REPLY_BUDGET_MS, withinBudget } from '../../src/reply-budget.js';
import { commandTokens } from './args.js';
import { commandContext } from './context.js';
import { reportFailure } from './failures.js';
import { renderReply } from './render.js';
import { ackMessage, responseMessage } from './replies.js';

/** Registers `/<name>` for every command in the dispatcher's registry. */
export function registerCommands(
  app: App,
  dispatcher: Dispatcher,
  logger: Logger,
  replyBudgetMs = REPLY_BUDGET_MS,
): void {
  for (const spec of dispatcher.registry.commands) {
    app.command(`/${spec.name}`, async ({ command, ack, respond, client }) => {
      const ctx = commandContext(command);
      const work = dispatcher.runText(spec.name, commandTokens(command.text), ctx);
      const quick = await withinBudget(work, replyBudgetMs);
      if (quick !== 'late') {
        await ack(ackMessage(quick.value));
        return;
      }
      await ack();
      const reply = await work;
      try {
        await respond(responseMessage(reply));
      } catch (error) {
        const fields = { command: spec.name, tenantId: ctx.actor.tenantId, userId: ctx.actor.userId };
        await reportFailure(logger, error, fields, (failure) =>
          client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, ...renderReply(failure) }),
        );
      }
    });
  }
}
