/** Joining, leaving, volunteering to facilitate, and how reminders reach you. */
import { UserError } from '../../../errors.js';
import type { Reply, Span } from '../../../message.js';
import { requireActive } from '../groups.js';
import { volunteers } from '../facilitator.js';
import { defineSubcommand } from '../../../commands/spec.js';
import { groupOption, refreshKickoff, resolveGroup, say } from './shared.js';

export const join = defineSubcommand({
  name: 'join',
  description: 'Join a reading group (reminders and RSVPs)',
  examples: ['/readinggroup join', '/readinggroup join Safety RG'],
  options: [groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    requireActive(group, 'join it');
    if (!(await feature.store.addMember(group.id, ctx.actor.userId, services.clock.now())))
      return say(`You are already in "${group.name}".`);
    await refreshKickoff(services, group.id, ctx);
    return say(
      `You joined "${group.name}". You will be reminded ${feature.reminderHours} hours before each session here; \`/readinggroup remind dm\` sends reminders to you directly instead.`,
    );
  },
});

export const leave = defineSubcommand({
  name: 'leave',
  description: 'Leave a reading group',
  examples: ['/readinggroup leave', '/readinggroup leave Safety RG'],
  options: [groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    if (!(await feature.store.removeMember(group.id, ctx.actor.userId)))
      return say(`You are not in "${group.name}", so there is nothing to leave.`);
    await refreshKickoff(services, group.id, ctx);
    return say(
      `You left "${group.name}". Your notes stay in the group's record; remove one with \`/readinggroup delete-note <id>\`.`,
    );
  },
});

export const members = defineSubcommand({
  name: 'members',
  description: 'Who is in a reading group, who organises and who facilitates',
  examples: ['/readinggroup members'],
  options: [groupOption] as const,
  async run(ctx, args, services): Promise<Reply> {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    const people = await feature.store.members(group.id);
    const organisers = await feature.store.organisers(group.id);
    const order = volunteers(people);
    const list = (ids: readonly string[]): Span[] =>
      ids.length === 0
        ? ['nobody yet']
        : ids.flatMap((id, i) => (i === 0 ? [{ mention: id }] : [', ', { mention: id }]));
    return {
      visibility: 'ephemeral',
      summary: `"${group.name}": ${count(people.length, 'member')}, ${count(organisers.length, 'organiser')}, ${count(order.length, 'facilitator')}.`,
      blocks: [
        { kind: 'heading', text: `${group.name}: ${count(people.length, 'member')}` },
        {
          kind: 'fields',
          fields: [
            { label: 'Organisers', value: list(organisers) },
            { label: 'Facilitators (rotation order)', value: list(order) },
            { label: 'Members', value: list(people.map((m) => m.userId)) },
            { label: 'Reminded by DM', value: list(people.filter((m) => m.remind === 'dm').map((m) => m.userId)) },
          ],
        },
      ],
    };
  },
});

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export const facilitate = defineSubcommand({
  name: 'facilitate',
  description: 'Volunteer to lead sessions (facilitators take turns)',
  examples: ['/readinggroup facilitate'],
  options: [groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    requireActive(group, 'volunteer for it');
    const now = services.clock.now();
    const joined = await feature.store.addMember(group.id, ctx.actor.userId, now);
    await feature.store.volunteer(group.id, ctx.actor.userId, now);
    const order = volunteers(await feature.store.members(group.id));
    const place = order.indexOf(ctx.actor.userId) + 1;
    return say(
      `${joined ? `You joined "${group.name}" and` : 'You'} volunteered to facilitate: you are number ${place} of ${order.length} in the rotation. Someone who says they can't make it is skipped for that session.`,
    );
  },
});

export const remind = defineSubcommand({
  name: 'remind',
  description: 'Get session reminders in the channel (a mention) or by direct message',
  examples: ['/readinggroup remind dm', '/readinggroup remind channel Safety RG'],
  options: [
    {
      name: 'route',
      kind: 'string',
      description: 'channel or dm',
      syntax: 'positional',
      required: true,
      choices: ['channel', 'dm'],
    },
    groupOption,
  ] as const,
  async run(ctx, args, services) {
    const route = args.route.trim().toLowerCase();
    if (route !== 'channel' && route !== 'dm')
      throw new UserError(
        'bad-route',
        `remind ${args.route} is not accepted: use \`/readinggroup remind dm\` or \`/readinggroup remind channel\`.`,
      );
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    if (!(await feature.store.members(group.id)).some((m) => m.userId === ctx.actor.userId)) {
      throw new UserError('not-member', `You are not in "${group.name}"; join it first with \`/readinggroup join\`.`);
    }
    await feature.store.setReminderRoute(group.id, ctx.actor.userId, route);
    return say(
      route === 'dm'
        ? `Reminders for "${group.name}" will come to you by direct message.`
        : `Reminders for "${group.name}" will mention you in the group's channel.`,
    );
  },
});
