/**
 * `/agenda introductions on|off|channel`: a person's consent (off by default; off
 * withdraws them from every later introduction at once), and, on platforms where an
 * introduction is a private thread, the channel that holds those threads (organisers only).
 */
import type { CommandContext } from '../../context.js';
import { defineSubcommand } from '../../commands/spec.js';
import { UserError } from '../../errors.js';
import { ephemeralText, type Reply } from '../../message.js';
import type { Services } from '../../services.js';
import type { Tenant } from './model.js';

export const introductionsCommand = defineSubcommand({
  name: 'introductions',
  description: 'Turn introductions to people who share your interests on or off (off by default)',
  examples: ['/agenda introductions on', '/agenda introductions off', '/agenda introductions channel #introductions'],
  options: [
    {
      name: 'setting',
      kind: 'string',
      syntax: 'positional',
      description: 'on, off, or channel (organisers)',
      choices: ['on', 'off', 'channel'],
    },
    {
      name: 'channel',
      kind: 'channel',
      syntax: 'positional',
      description: 'With `channel`: where introduction threads open',
    },
  ] as const,
  async run(ctx, args, services): Promise<Reply> {
    const setting = args.setting?.trim().toLowerCase() ?? '';
    const tenant: Tenant = { platform: ctx.actor.platform, tenantId: ctx.actor.tenantId };
    const store = services.introductions;
    if (setting === 'on') {
      const changed = await store.setOptedIn(tenant, ctx.actor.userId, true, services.clock.now());
      return ephemeralText(
        `${changed ? 'Introductions are on' : 'Introductions were already on'}. ` +
          `People in this ${place(ctx)} who marked the same ` +
          'question or challenge Interested, and turned them on too, can meet you with `/agenda introduce <id>`; ' +
          'until then nobody learns who you are. `/agenda introductions off` withdraws you at any time.',
      );
    }
    if (setting === 'off') {
      const changed = await store.setOptedIn(tenant, ctx.actor.userId, false, services.clock.now());
      return ephemeralText(
        `${changed ? 'Introductions are off' : 'Introductions were already off'}: ` +
          'you are left out of every introduction from now on. ' +
          'Conversations you are already in stay as they are.',
      );
    }
    if (setting === 'channel') return setChannel(ctx, services, tenant, args.channel);
    if (setting !== '') {
      throw new UserError(
        'bad-introductions-setting',
        `introductions ${args.setting} is not accepted: ` +
          'use `/agenda introductions on`, `off` or `channel #channel`.',
      );
    }
    return status(ctx, services, tenant);
  },
});

function place(ctx: CommandContext): string {
  return ctx.actor.platform === 'discord' ? 'server' : 'workspace';
}

async function status(ctx: CommandContext, services: Services, tenant: Tenant): Promise<Reply> {
  const on = await services.introductions.isOptedIn(tenant, ctx.actor.userId);
  const change = `/agenda introductions ${on ? 'off' : 'on'}`;
  const consent = `Your introductions are ${on ? 'on' : 'off'} (\`${change}\` changes that).`;
  if (services.platforms.get(ctx.actor.platform)?.groupConversations?.needsChannel !== true)
    return ephemeralText(consent);
  const channel = await services.introductions.channel(tenant);
  if (channel === undefined) return ephemeralText(`${consent} No introductions channel is set in this server yet.`);
  return {
    visibility: 'ephemeral',
    summary: `${consent} Introductions open as private threads in the channel the organisers chose.`,
    blocks: [{ kind: 'text', spans: [`${consent} Introductions open as private threads in `, { channel }, '.'] }],
  };
}

async function setChannel(
  ctx: CommandContext,
  services: Services,
  tenant: Tenant,
  raw: string | undefined,
): Promise<Reply> {
  const delivery = services.platforms.get(ctx.actor.platform);
  if (delivery?.groupConversations?.needsChannel !== true) {
    return ephemeralText('Introductions here are group direct messages, so they need no channel: nothing to set.');
  }
  const channelId = raw?.trim() ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/u.test(channelId)) {
    throw new UserError(
      'bad-channel',
      'Name the channel for introduction threads, e.g. `/agenda introductions channel #introductions` ' +
        '(pick it from the list as you type #).',
    );
  }
  if (!(await delivery.canManageChannel(tenant.tenantId, ctx.actor.userId, channelId))) {
    throw new UserError(
      'not-channel-manager',
      'Only people with the Manage Channels or Manage Server permission can choose the introductions channel.',
    );
  }
  await services.introductions.setChannel(tenant, channelId, ctx.actor.userId, services.clock.now());
  const text =
    'Introductions will open as private threads in that channel; ' +
    'the bot needs Create Private Threads and Send Messages in Threads there.';
  return {
    visibility: 'ephemeral',
    summary: text,
    blocks: [
      {
        kind: 'text',
        spans: [
          'Introductions will open as private threads in ',
          { channel: channelId },
          '; the bot needs Create Private Threads and Send Messages in Threads there.',
        ],
      },
    ],
  };
}
