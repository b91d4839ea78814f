/** `/readinggroup organisers add|remove @user`: organisers only; a group always keeps one organiser. */
import { UserError } from '../../../errors.js';
import { requireOrganiser } from '../groups.js';
import { defineSubcommand } from '../../../commands/spec.js';
import { groupOption, resolveGroup, resolveOrganisedGroup, say } from './shared.js';

const userOption = {
  name: 'user',
  kind: 'user',
  description: 'the person',
  syntax: 'positional',
  required: true,
} as const;

export const organisersAdd = defineSubcommand({
  name: 'organisers add',
  description: 'Make someone an organiser of the group (organisers only)',
  examples: ['/readinggroup organisers add @ana'],
  options: [userOption, groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveOrganisedGroup(
      services,
      ctx,
      args.group,
      'add organisers',
      'change its organisers',
    );
    const user = cleanUser(args.user);
    if (!(await feature.store.addOrganiser(group.id, user)))
      return say(`That person already organises "${group.name}".`);
    return {
      visibility: 'ephemeral',
      summary: `Added an organiser to "${group.name}".`,
      blocks: [{ kind: 'text', spans: [{ mention: user }, ` now organises "${group.name}".`] }],
    };
  },
});

export const organisersRemove = defineSubcommand({
  name: 'organisers remove',
  description: 'Remove an organiser (organisers only; the last one stays)',
  examples: ['/readinggroup organisers remove @ana'],
  options: [userOption, groupOption] as const,
  async run(ctx, args, services) {
    const { feature, group } = await resolveGroup(services, ctx, args.group);
    await requireOrganiser(feature.store, group, ctx.actor.userId, 'remove organisers');
    const user = cleanUser(args.user);
    // Read and removed in one transaction: two removals at once cannot leave the group without an organiser.
    const refusal = await services.store.atomically(async (tx) => {
      const organisers = await tx.readingGroups.organisers(group.id);
      if (!organisers.includes(user)) return say(`That person does not organise "${group.name}".`);
      if (organisers.length === 1)
        throw new UserError(
          'last-organiser',
          `"${group.name}" needs at least one organiser: add another before removing the last one.`,
        );
      await tx.readingGroups.removeOrganiser(group.id, user);
      return undefined;
    });
    if (refusal) return refusal;
    return {
      visibility: 'ephemeral',
      summary: `Removed an organiser from "${group.name}".`,
      blocks: [{ kind: 'text', spans: [{ mention: user }, ` no longer organises "${group.name}".`] }],
    };
  },
});

/** A user id as the platforms give it (a Discord option, Slack `<@U…>` already unwrapped by the parser). */
function cleanUser(raw: string): string {
  const id = raw.trim().replace(/^@/u, '');
  if (!/^[A-Za-z0-9_.-]{1,64}$/u.test(id))
    throw new UserError('bad-user', `${raw} is not a person: mention them, e.g. @ana.`);
  return id;
}
