/**
 * Button presses (`block_actions`) and form submissions (`view_submission`) → the core.
 * Only action ids this app rendered (`ab:<action>:<index>`) and its own modals are
 * handled; both are acknowledged at once.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { Logger } from '../../src/log.js';
import { ACTION_PREFIX, parseActionId } from './blocks.js';
import { actionContext, pressOrigin } from './context.js';
import { isHomePress } from './home-tab.js';
import { MODAL_PREFIX, readSubmission } from './modal.js';
import { applyResult } from './replies.js';

const OUR_ACTIONS = new RegExp(`^${ACTION_PREFIX}`, 'u');
const OUR_MODALS = new RegExp(`^${MODAL_PREFIX}`, 'u');

/** Routes this app's button presses and form submissions to the dispatcher. */
export function registerActions(app: App, dispatcher: Dispatcher, logger: Logger): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: OUR_ACTIONS },
    async ({ ack, body, action, respond, client }) => {
      if (isHomePress(body)) return; // the Home tab's own listener (home-tab.ts) answers these
      await ack();
      const name = parseActionId(action.action_id);
      if (name === null) return;
      const origin = pressOrigin(body);
      const ctx = actionContext(body, origin);
      const source = origin.messageTs !== undefined ? { messageId: origin.messageTs } : {};
      const result = await dispatcher.press(name, action.value ?? '', ctx, source);
      await applyResult(result, { client, respond, origin, userId: body.user.id, triggerId: body.trigger_id }, logger, {
        action: name,
        tenantId: ctx.actor.tenantId,
        userId: ctx.actor.userId,
      });
    },
  );

  app.view({ type: 'view_submission', callback_id: OUR_MODALS }, async ({ ack, body, view, client }) => {
    await ack();
    const submission = readSubmission(view);
    const tenantId = body.team?.id ?? body.user.team_id ?? '';
    const ctx = {
      actor: { platform: 'slack' as const, tenantId, userId: body.user.id, displayName: body.user.name },
      conversation: {
        platform: 'slack' as const,
        tenantId,
        channelId: submission.origin.channelId,
        ...(submission.origin.threadTs !== undefined ? { threadId: submission.origin.threadTs } : {}),
      },
      isDirect: submission.origin.channelId.startsWith('D'),
    };
    const result = await dispatcher.submit(submission.modal, submission.value, submission.fields, ctx);
    const origin = {
      channelId: submission.origin.channelId,
      ephemeral: true,
      ...(submission.origin.threadTs !== undefined ? { threadTs: submission.origin.threadTs } : {}),
    };
    await applyResult(result, { client, origin, userId: body.user.id }, logger, {
      modal: submission.modal,
      tenantId,
      userId: body.user.id,
    });
  });
}
