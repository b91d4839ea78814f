/**
 * Every command in the registry becomes a Slack slash command. A reply the core has
 * ready within the reply budget goes in the acknowledgment itself (one round trip);
 * slower work is acknowledged empty first, so Slack's 3-second deadline holds however
 * long the core takes, and its reply then goes to the request's `response_url`.
 */
import type { App } from '@slack/bolt';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { CommandSpec } from '../../src/core/commands/spec.js';
import type { Logger } from '../../src/log.js';
import { REPLY_BUDGET_MS, withinBudget } from '../../src/reply-budget.js';
import { commandTokens } from './args.js';
import { commandContext } from './context.js';
import { reportFailure } from './failures.js';
import { renderReply } from './render.js';
import { ackMessage, responseMessage } from './replies.js';
import { replyAck } from './socket-ack.js';

/**
 * Registers `/<name>` for every command in the dispatcher's registry. One Bolt listener serves
 * them all: Bolt runs every listener's middleware for every request, so one per command would
 * each cost every request a pass through their matchers.
 */
export function registerCommands(
  app: App,
  dispatcher: Dispatcher,
  logger: Logger,
  replyBudgetMs = REPLY_BUDGET_MS,
): void {
  const specs = new Map<string, CommandSpec>(dispatcher.registry.commands.map((spec) => [`/${spec.name}`, spec]));
  if (specs.size === 0) return;
  const names = new RegExp(`^(?:${[...specs.keys()].map(escapeRegExp).join('|')})$`, 'u');
  app.command(names, async ({ command, ack, respond, client, context }) => {
    const spec = specs.get(command.command);
    if (!spec) return;
    const ctx = commandContext(command);
    const work = dispatcher.runText(spec.name, commandTokens(command.text), ctx);
    const quick = await withinBudget(work, replyBudgetMs);
    if (quick !== 'late') {
      await replyAck(context, ack)(ackMessage(quick.value));
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
