/** What the `/readinggroup` subcommands share: the group option, finding the group, short replies. */
import type { CommandContext } from '../../../context.js';
import { ephemeralText, type Reply } from '../../../message.js';
import type { ReadingGroupServices } from '../services.js';
import { kickoffCard } from '../group-cards.js';
import { findGroup, requireActive, requireOrganiser } from '../groups.js';
import type { ReadingGroup } from '../model.js';
import type { Services } from '../../../services.js';
import { kickoffKey, postedMessage } from '../keys.js';

export const groupOption = {
  name: 'group',
  kind: 'string',
  description: "the group's name or number (default: this channel's group)",
  syntax: 'rest',
  autocomplete: 'group',
} as const;

export interface Resolved {
  readonly feature: ReadingGroupServices;
  readonly group: ReadingGroup;
}

export async function resolveGroup(
  services: Services,
  ctx: CommandContext,
  raw: string | undefined,
): Promise<Resolved> {
  const feature = services.readingGroups;
  return { feature, group: await findGroup(feature.store, ctx, raw) };
}

/**
 * The group an organiser-only change acts on: refused when the group is archived (`activeWhat`
 * names the change in that refusal) or when the asker does not organise it (`organiserWhat`).
 */
export async function resolveOrganisedGroup(
  services: Services,
  ctx: CommandContext,
  raw: string | undefined,
  organiserWhat: string,
  activeWhat = organiserWhat,
): Promise<Resolved> {
  const resolved = await resolveGroup(services, ctx, raw);
  requireActive(resolved.group, activeWhat);
  await requireOrganiser(resolved.feature.store, resolved.group, ctx.actor.userId, organiserWhat);
  return resolved;
}

export function say(text: string): Reply {
  return ephemeralText(text);
}

/** Refreshes the kickoff card (member count, status). Best effort: the command already succeeded. */
export async function refreshKickoff(services: Services, groupId: number, ctx: CommandContext): Promise<void> {
  const { store } = services.readingGroups;
  const group = await store.group(ctx.actor.platform, ctx.actor.tenantId, groupId);
  const port = services.platforms.get(ctx.actor.platform);
  const card = await postedMessage(services, kickoffKey(groupId));
  if (!group || !card || !port) return;
  try {
    const [sessions, members] = await Promise.all([store.sessions(group.id), store.members(group.id)]);
    await port.update(card, kickoffCard(group, sessions, services.agenda(), members.length));
  } catch (error) {
    services.logger.warn({ groupId, err: error }, 'kickoff card not refreshed');
  }
}
