/** Organiser-only changes to a group's course: skip, postpone, pause, resume, archive. */
import type { CommandContext } from '../../../context.js';
import { UserError } from '../../../errors.js';
import type { Reply } from '../../../message.js';
import { removeEvents, syncEvents } from '../events.js';
import { requireOrganiser } from '../groups.js';
import type { ReadingGroup, Session, SessionMove } from '../model.js';
import { resumeMoves, shiftUpcoming, skipMoves, upcoming } from '../session-dates.js';
import type { Services } from '../../../services.js';
import { defineSubcommand } from '../../../commands/spec.js';
import { groupOption, refreshKickoff, resolveGroup, resolveOrganisedGroup, say } from './shared.js';
import { howToFix, repostKickoff } from './kickoff-outcome.js';

const MAX_POSTPONE_DAYS = 60;

/** Schedule changes are told to the whole channel: every member needs the new date. */
async function moved(
  services: Services,
  ctx: CommandContext,
  group: ReadingGroup,
  moves: readonly SessionMove[],
  what: string,
): Promise<Reply> {
  await services.readingGroups.store.moveSessions(group.id, moves);
  const eventNote = await syncEvents(services, group);
  await refreshKickoff(services, group.id, ctx);
  const first = moves[0];
  const text = `${what}${eventNote}`;
  return {
    visibility: 'channel',
    summary: text,
    blocks: [
      { kind: 'text', spans: [text] },
      ...(first
        ? [
            {
              kind: 'text' as const,
              spans: [
                `Session ${first.number} is now `,
                { time: first.startsAt, style: 'full' as const },
                '; the sessions after it follow.',
              ],
            },
          ]
        : []),
    ],
  };
}

async function nextOrRefuse(group: ReadingGroup, services: Services): Promise<Session> {
  const next = upcoming(await services.readingGroups.store.sessions(group.id))[0];
  if (!next) throw new UserError('no-next-session', `"${group.name}" has no sessions left to move.`);
  return next;
}

export const skip = defineSubcommand({
  name: 'skip',
  description: 'Skip the next session: it moves one slot later and the rest follow (organisers)',
  examples: ['/readinggroup skip'],
  options: [groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveOrganisedGroup(services, ctx, args.group, 'skip a session');
    const next = await nextOrRefuse(group, services);
    const moves = skipMoves(group.schedule, await feature.store.sessions(group.id));
    return moved(
      services,
      ctx,
      group,
      moves,
      `"${group.name}" skips a week: session ${next.number} moves one slot later.`,
    );
  },
});

export const postpone = defineSubcommand({
  name: 'postpone',
  description: 'Postpone the next session by some days; the rest follow (organisers)',
  examples: ['/readinggroup postpone 2'],
  options: [
    {
      name: 'days',
      kind: 'integer',
      description: `days to postpone, 1 to ${MAX_POSTPONE_DAYS}`,
      syntax: 'positional',
      required: true,
      min: 1,
      max: MAX_POSTPONE_DAYS,
    },
    groupOption,
  ] as const,
  async run(ctx, args, services) {
    if (!Number.isInteger(args.days) || args.days < 1 || args.days > MAX_POSTPONE_DAYS) {
      throw new UserError(
        'bad-days',
        `postpone ${args.days} is not accepted: give a whole number of days from 1 to ${MAX_POSTPONE_DAYS}, e.g. \`/readinggroup postpone 2\`.`,
      );
    }
    const { feature, group } = await resolveOrganisedGroup(services, ctx, args.group, 'postpone a session');
    const next = await nextOrRefuse(group, services);
    const moves = shiftUpcoming(group.schedule, await feature.store.sessions(group.id), args.days);
    return moved(
      services,
      ctx,
      group,
      moves,
      `"${group.name}" postpones session ${next.number} by ${args.days} day${args.days === 1 ? '' : 's'}.`,
    );
  },
});

export const pause = defineSubcommand({
  name: 'pause',
  description: 'Pause the group: no reminders or sessions until resumed (organisers)',
  examples: ['/readinggroup pause'],
  options: [groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveOrganisedGroup(services, ctx, args.group, 'pause the group', 'pause it');
    if (group.status === 'paused')
      return say(`"${group.name}" is already paused; \`/readinggroup resume\` restarts it.`);
    await feature.store.setStatus(group.id, 'paused');
    await refreshKickoff(services, group.id, ctx);
    return {
      visibility: 'channel',
      summary: `"${group.name}" is paused.`,
      blocks: [
        {
          kind: 'text',
          spans: [
            `"${group.name}" is paused: no reminders or sessions until an organiser runs \`/readinggroup resume\`.`,
          ],
        },
      ],
    };
  },
});

export const resume = defineSubcommand({
  name: 'resume',
  description: 'Resume a paused group; missed slots move to the next free one (organisers)',
  examples: ['/readinggroup resume'],
  options: [groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveOrganisedGroup(services, ctx, args.group, 'resume the group', 'resume it');
    if (group.status !== 'paused') return say(`"${group.name}" is not paused.`);
    const moves = resumeMoves(group.schedule, await feature.store.sessions(group.id), services.clock.now());
    await feature.store.setStatus(group.id, 'active');
    // A kickoff card the platform refused is posted now; refused again, the group is paused again.
    const kickoff = await repostKickoff(services, group);
    if (kickoff?.kind === 'refused') {
      const why = `its kickoff card still could not be posted in its channel: ${kickoff.why}`;
      return say(`"${group.name}" stays paused: ${why}. ${howToFix(group)}`);
    }
    if (moves.length === 0) {
      await refreshKickoff(services, group.id, ctx);
      return {
        visibility: 'channel',
        summary: `"${group.name}" is back on.`,
        blocks: [{ kind: 'text', spans: [`"${group.name}" is back on; its schedule is unchanged.`] }],
      };
    }
    return moved(services, ctx, { ...group, status: 'active' }, moves, `"${group.name}" is back on.`);
  },
});

export const archive = defineSubcommand({
  name: 'archive',
  description: 'End the group: no more sessions (organisers; export its notes first with notes all)',
  examples: ['/readinggroup archive'],
  options: [groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    await requireOrganiser(feature.store, group, ctx.actor.userId, 'archive the group');
    const eventNote = await removeEvents(services, group);
    await feature.store.setStatus(group.id, 'archived');
    return say(
      `"${group.name}" is archived: no more reminders or sessions. Its name is free for a new group.${eventNote}`,
    );
  },
});
