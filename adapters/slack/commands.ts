/**
 * Every command in the registry becomes a Slack slash command. A reply the core has
 * ready within the reply budget goes in the acknowledgment itself (one round trip);
 * slower work is acknowledged empty first, so Slack's 3-second deadline holds however
 * long the core takes, and its reply then goes to the request's `response_url`.
 */
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { CommandSpec } from '../../src/core/commands/spec.js';
import type { Logger } from '../../src/log.js';
import { REPLY_BUDGET_MS, withinBudget } from '../../src/reply-budget.js';
import { commandTokens } from './args.js';
import { commandContext } from './context.js';
import { reportFailure } from './failures.js';
import { renderReply } from './render.js';
import { responseMessage } from './replies.js';
import { replyAck } from './socket-ack.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Answers `/<name>` for every command in the dispatcher's registry, as a global middleware:
 * register it after the middleware that must wrap every request. Our slash commands stop
 * here; everything else goes on to the listeners. Bolt runs every listener's own middleware
 * for every request (each action, view and event listener checks the request's type), so
 * commands as listeners paid for all of them before the core was even asked.
 */
export function registerCommands(
  app: App,
  dispatcher: Dispatcher,
  logger: Logger,
  replyBudgetMs = REPLY_BUDGET_MS,
): void {
  const specs = new Map<string, CommandSpec>(dispatcher.registry.commands.map((spec) => [`/${spec.name}`, spec]));
  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const spec = 'command' in args && args.command ? specs.get(args.command.command) : undefined;
    if (spec === undefined) {
      await args.next();
      return;
    }
    await answer(spec, args as CommandArgs, dispatcher, logger, replyBudgetMs);
  });
}

async function answer(
  spec: CommandSpec,
  { command, ack, respond, client, context }: CommandArgs,
  dispatcher: Dispatcher,
  logger: Logger,
  replyBudgetMs: number,
): Promise<void> {
  const ctx = commandContext(command);
  const work = dispatcher.runText(spec.name, commandTokens(command.text), ctx);
  const quick = await withinBudget(work, replyBudgetMs);
  if (quick !== 'late') {
    await replyAck(context, ack, quick.value);
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
}
