/**
 * The `share` button: re-runs the lookup named in its value (`challenge 3.5`,
 * `search jailbreak in:3.5`) and posts the result in the channel, saying who shared
 * it. Only subcommands declared `shareable` are re-run: a button value can be forged, so
 * it must never reach a command that changes anything.
 */
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import type { Block, Button, Reply } from '../message.js';
import { headOf } from '../text/cut.js';
import { parseCommandText } from './parse-text.js';
import type { ActionSpec, CommandSpec } from './spec.js';

/** Discord custom ids hold 100 characters; keep room for the action name. */
export const MAX_SHARE_VALUE = 90;

/** The Share button of a shareable reply; `invocation` is the subcommand and its arguments as typed. */
export function shareButton(invocation: string): Button {
  return { action: 'share', value: headOf(invocation, MAX_SHARE_VALUE), label: 'Share in channel' };
}

export function makeShareAction(command: () => CommandSpec): ActionSpec {
  return {
    action: 'share',
    async run(ctx, value, services) {
      if (value.length > MAX_SHARE_VALUE)
        throw new UserError('bad-share', 'That Share button is damaged. Run the command again.');
      const full = command();
      const lookups: CommandSpec = { ...full, subcommands: full.subcommands.filter((s) => s.shareable === true) };
      const { subcommand, args } = parseCommandText(lookups, value);
      const reply = await subcommand.run(ctx, args as never, services);
      // The private card is redrawn without its Share button, so the same card cannot be posted twice.
      return { reply: asShared(reply, ctx), update: sharedPrivately(reply) };
    },
  };
}

/** The channel version of a lookup reply: no Share button, and a line naming who shared it. */
export function asShared(reply: Reply, ctx: CommandContext): Reply {
  const blocks = withoutShare(reply.blocks);
  blocks.push({ kind: 'context', spans: ['Shared by ', { mention: ctx.actor.userId }] });
  return { visibility: 'channel', summary: reply.summary, blocks };
}

export const SHARED_NOTE = 'Shared in the channel.';

/** The sharer's own card after sharing: the same answer, no Share button, and a note that it was shared. */
export function sharedPrivately(reply: Reply): Reply {
  const blocks = withoutShare(reply.blocks);
  blocks.push({ kind: 'context', spans: [SHARED_NOTE] });
  return { visibility: 'ephemeral', summary: `${reply.summary} (${SHARED_NOTE})`, blocks };
}

function withoutShare(source: readonly Block[]): Block[] {
  const blocks: Block[] = [];
  for (const block of source) {
    if (block.kind !== 'buttons') {
      blocks.push(block);
      continue;
    }
    const rest = block.buttons.filter((b) => b.action !== 'share');
    if (rest.length > 0) blocks.push({ kind: 'buttons', buttons: rest });
  }
  return blocks;
}
