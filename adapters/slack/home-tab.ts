/**
 * The Slack Home tab: `app_home_opened` publishes the person's page; a command or button
 * that changes what the page shows redraws it (see `changesHome`); buttons pressed on
 * the page run their core actions, and any answer goes to the person's Messages tab,
 * because a Home tab has no conversation to answer in.
 */
import type { App, BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { CommandContext } from '../../src/core/context.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { changesHome } from '../../src/core/features/home/index.js';
import type { HomeTrigger } from '../../src/core/features/home/changes.js';
import type { Logger } from '../../src/log.js';
import { ACTION_PREFIX, parseActionId } from './blocks.js';
import { reportFailure } from './failures.js';
import { HomePublisher, type WithWorkspaceClient } from './home-publisher.js';
import { renderModal } from './modal.js';
import { renderReply } from './render.js';

const OUR_ACTIONS = new RegExp(`^${ACTION_PREFIX}`, 'u');

/** Whether a button press came from a Home tab (its container is the home view, not a message). */
export function isHomePress(body: { view?: { type?: string } }): boolean {
  return body.view?.type === 'home';
}

/** Who did what, read from a slash command or a button press; undefined for anything else. */
interface Found {
  readonly teamId: string;
  readonly userId: string;
  readonly trigger: HomeTrigger;
}

function triggerOf(body: Record<string, unknown>): Found | undefined {
  if (typeof body.command === 'string' && typeof body.user_id === 'string') {
    const command = body.command.replace(/^\//u, '');
    const trigger: HomeTrigger = { kind: 'command', command, text: typeof body.text === 'string' ? body.text : '' };
    return { teamId: typeof body.team_id === 'string' ? body.team_id : '', userId: body.user_id, trigger };
  }
  if (body.type !== 'block_actions') return undefined;
  const press = body as unknown as BlockAction;
  const action = parseActionId(press.actions[0]?.action_id ?? '');
  if (action === null) return undefined;
  const teamId = press.team?.id ?? press.user.team_id ?? '';
  return { teamId, userId: press.user.id, trigger: { kind: 'press', action } };
}

export interface HomeTabOptions {
  readonly minIntervalMs?: number | undefined;
  /** OAuth mode: calls with each workspace's own client. */
  readonly withClient?: WithWorkspaceClient | undefined;
}

/** The registered Home tab: what to call after every request, and how to stop it. */
export interface HomeTab {
  /**
   * Redraws the person's page if the request just handled changed what it shows. The adapter's
   * one global middleware calls it after the listeners (a middleware of its own would cost every
   * request another pass through Bolt's middleware chain).
   */
  handled(body: unknown): void;
  stop(): void;
}

/** Registers the Home tab's event and its buttons. */
export function registerHomeTab(
  app: App,
  dispatcher: Dispatcher,
  logger: Logger,
  options: HomeTabOptions = {},
): HomeTab {
  const publisher = new HomePublisher({ client: app.client, dispatcher, logger, ...options });

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publisher.opened(body.team_id, event.user);
  });

  const fromHome: Middleware<SlackActionMiddlewareArgs> = async ({ body, next }) => {
    if (isHomePress(body as { view?: { type?: string } })) await next();
  };
  const constraints = { type: 'block_actions', action_id: OUR_ACTIONS } as const;
  app.action<BlockAction<ButtonAction>>(constraints, fromHome, async ({ ack, body, action, client }) => {
    await ack();
    const name = parseActionId(action.action_id);
    if (name === null) return;
    const ctx = homeContext(body);
    publisher.looking(ctx.actor.tenantId, ctx.actor.userId);
    const result = await dispatcher.press(name, action.value ?? '', ctx);
    const fields = { action: name, tenantId: ctx.actor.tenantId, userId: ctx.actor.userId };
    const tell = async (reply: Parameters<typeof renderReply>[0]): Promise<void> => {
      await client.chat.postMessage({ channel: body.user.id, ...renderReply(reply) });
    };
    try {
      if (result.modal) {
        const view = renderModal(result.modal, { channelId: body.user.id });
        await client.views.open({ trigger_id: body.trigger_id, view });
      }
      // `update` would replace the pressed message: on the Home tab, the redraw does that.
      if (result.reply) await tell(result.reply);
    } catch (error) {
      await reportFailure(logger, error, fields, tell);
    }
  });

  return {
    handled(body) {
      const found = triggerOf(body as Record<string, unknown>);
      if (found && changesHome(found.trigger)) void publisher.changed(found.teamId, found.userId);
    },
    stop: () => publisher.stop(),
  };
}

/** The presser, answered in their direct messages with the app (a user id is a valid channel there). */
function homeContext(body: BlockAction): CommandContext {
  const tenantId = body.team?.id ?? body.user.team_id ?? '';
  return {
    actor: { platform: 'slack', tenantId, userId: body.user.id, displayName: body.user.username },
    conversation: { platform: 'slack', tenantId, channelId: body.user.id },
    isDirect: true,
  };
}
