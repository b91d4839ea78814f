/**
 * Every command in the registry becomes a Slack slash command. Each is acknowledged
 * before the core runs, so Slack's 3-second deadline holds however long the core takes;
 * the reply then goes to the request's `response_url`.
 */
import type { App } from '@slack/bolt';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { Logger } from '../../src/log.js';
import { commandTokens } from './args.js';
import { commandContext } from './context.js';
import { reportFailure } from './failures.js';
import { renderReply } from './render.js';
import { responseMessage } from './replies.js';

/** Registers `/<name>` for every command in the dispatcher's registry. */
export function registerCommands(app: App, dispatcher: Dispatcher, logger: Logger): void {
  for (const spec of dispatcher.registry.commands) {
    app.command(`/${spec.name}`, async ({ command, ack, respond, client }) => {
      await ack();
      const ctx = commandContext(command);
      const reply = await dispatcher.runText(spec.name, commandTokens(command.text), ctx);
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
