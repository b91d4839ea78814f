/**
 * Finding the group a command means, and who may do what to it. A group is named
 * by its id (`3` or `#3`) or its name; without one, the command means the group
 * of the channel (or thread) it was typed in.
 */
import type { CommandContext } from '../../context.js';
import { UserError } from '../../errors.js';
import { normalize } from '../../text/similarity.js';
import type { ReadingGroup } from './model.js';
import type { ReadingGroupStore } from './store.js';

export async function findGroup(
  store: ReadingGroupStore,
  ctx: CommandContext,
  raw: string | undefined,
): Promise<ReadingGroup> {
  const { platform, tenantId } = ctx.actor;
  const groups = await store.groupsOf(platform, tenantId);
  const text = raw?.trim() ?? '';
  if (text !== '') {
    const id = /^#?(\d+)$/u.exec(text);
    const byId = id ? groups.find((g) => g.id === Number(id[1])) : undefined;
    const byName = groups.find((g) => normalize(g.name) === normalize(text));
    const found = byId ?? byName;
    if (found) return found;
    throw new UserError('unknown-group', `There is no reading group called "${text}" here. ${listing(groups)}`);
  }
  const here = groups.filter((g) => g.channelId === ctx.conversation.channelId);
  if (here.length === 1 && here[0]) return here[0];
  if (here.length > 1) {
    throw new UserError(
      'which-group',
      `This channel has ${here.length} reading groups: name one (${here.map((g) => `"${g.name}"`).join(', ')}).`,
    );
  }
  throw new UserError('no-group-here', `There is no reading group in this channel. ${listing(groups)}`);
}

function listing(groups: readonly ReadingGroup[]): string {
  if (groups.length === 0) return 'Start one with `/readinggroup create name:"Safety RG"`.';
  return `Groups here: ${groups.map((g) => `"${g.name}" (${g.id})`).join(', ')}.`;
}

export async function isOrganiser(store: ReadingGroupStore, group: ReadingGroup, userId: string): Promise<boolean> {
  return (await store.organisers(group.id)).includes(userId);
}

/** Refuses organiser-only actions for everyone else, saying who can do it. */
export async function requireOrganiser(
  store: ReadingGroupStore,
  group: ReadingGroup,
  userId: string,
  what: string,
): Promise<void> {
  if (await isOrganiser(store, group, userId)) return;
  throw new UserError(
    'not-organiser',
    `Only the organisers of "${group.name}" can ${what}. Ask one of them, or ask them to make you an organiser with \`/readinggroup organisers add @you\`.`,
  );
}

/** Refuses changes to a group that has been archived or is paused, where that matters. */
export function requireActive(group: ReadingGroup, what: string): void {
  if (group.status === 'archived')
    throw new UserError('group-archived', `"${group.name}" is archived, so you cannot ${what}.`);
}
