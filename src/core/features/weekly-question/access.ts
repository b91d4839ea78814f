/**
 * Who may see and change which subscription. Everything is scoped to the asker's tenant;
 * a direct-message subscription is visible only to its person; changing a channel's
 * subscription needs channel-manager rights as the platform defines them.
 */
import type { CommandContext } from '../../context.js';
import { UserError } from '../../errors.js';
import { DeliveryError, FOREIGN_TENANT } from '../../ports.js';
import type { Services } from '../../services.js';
import type { Subscription } from './model.js';

export function isVisibleTo(subscription: Subscription, ctx: CommandContext): boolean {
  if (subscription.platform !== ctx.actor.platform || subscription.tenantId !== ctx.actor.tenantId) return false;
  return subscription.target.kind === 'channel' || subscription.target.userId === ctx.actor.userId;
}

/** The subscription with this id in the asker's tenant that the asker may see, or a specific refusal. */
export async function findVisible(services: Services, ctx: CommandContext, id: number): Promise<Subscription> {
  const subscription = await services.subscriptions.find(ctx.actor.platform, ctx.actor.tenantId, id);
  if (!subscription || !isVisibleTo(subscription, ctx)) {
    throw new UserError(
      'unknown-subscription',
      `There is no subscription ${id} that you can see here. \`/agenda subscriptions\` lists them with their ids.`,
    );
  }
  return subscription;
}

/** Refuses unless the asker may manage this channel's subscriptions. */
export async function requireChannelManager(services: Services, ctx: CommandContext, channelId: string): Promise<void> {
  const port = services.platforms.get(ctx.actor.platform);
  const allowed = port
    ? await port.canManageChannel(ctx.actor.tenantId, ctx.actor.userId, channelId).catch(refuseForeignTenant)
    : false;
  if (!allowed) {
    const rule =
      ctx.actor.platform === 'discord'
        ? 'the Manage Channels or Manage Server permission'
        : ctx.actor.platform === 'slack'
          ? 'a workspace admin or owner, or a bot admin named by the operator'
          : 'channel-manager rights';
    throw new UserError(
      'not-channel-manager',
      `Only channel managers can change what a channel receives (that needs ${rule}). ` +
        'Without a channel, `/agenda subscribe` sends the weekly question to you by direct message.',
    );
  }
}

/** A workspace (server) the bot does not serve is a refusal to explain, not an internal error. */
function refuseForeignTenant(error: unknown): never {
  if (error instanceof DeliveryError && error.code === FOREIGN_TENANT) {
    throw new UserError(
      'foreign-tenant',
      "This bot is not installed in the workspace you are writing from, so it cannot change that channel's " +
        'weekly question from here. Run the command in the workspace that added the bot.',
    );
  }
  throw error;
}

/** Refuses unless the asker may change this subscription. */
export async function requireCanChange(
  services: Services,
  ctx: CommandContext,
  subscription: Subscription,
): Promise<void> {
  if (subscription.target.kind === 'channel') await requireChannelManager(services, ctx, subscription.target.channelId);
}

/** The visible subscription with this id that the asker may also change, or a specific refusal. */
export async function findChangeable(services: Services, ctx: CommandContext, id: number): Promise<Subscription> {
  const subscription = await findVisible(services, ctx, id);
  await requireCanChange(services, ctx, subscription);
  return subscription;
}
