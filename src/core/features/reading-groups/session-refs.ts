/**
 * Buttons carry `<group>:<session>` (and, for RSVP buttons, which card they sit on).
 * Values come back from the platform, so they are parsed strictly and checked against
 * the presser's tenant: a forged value can never reach another workspace's group.
 */
import type { CommandContext } from '../../context.js';
import { UserError } from '../../errors.js';
import type { ReadingGroup, Session } from './model.js';
import type { ReadingGroupStore } from './store.js';

/** Which message an RSVP button sits on, so the press can redraw that message. */
export type CardKind = 'reminder' | 'session';

export interface SessionRef {
  readonly groupId: number;
  readonly number: number;
  readonly card: CardKind;
}

const STALE =
  'That button belongs to a session that no longer exists here. Run `/readinggroup status` for the current one.';

export function parseSessionValue(value: string): SessionRef {
  const match = /^(\d{1,12}):(\d{1,4})(?::([rs]))?$/u.exec(value);
  if (!match) throw new UserError('stale-button', STALE);
  return { groupId: Number(match[1]), number: Number(match[2]), card: match[3] === 'r' ? 'reminder' : 'session' };
}

export async function loadSession(
  store: ReadingGroupStore,
  ctx: CommandContext,
  value: string,
): Promise<{ group: ReadingGroup; session: Session; ref: SessionRef }> {
  const ref = parseSessionValue(value);
  const group = await store.group(ctx.actor.platform, ctx.actor.tenantId, ref.groupId);
  const session = group ? await store.session(group.id, ref.number) : undefined;
  if (!group || !session) throw new UserError('stale-button', STALE);
  if (group.status === 'archived')
    throw new UserError('group-archived', `"${group.name}" is archived; its sessions are closed.`);
  return { group, session, ref };
}
