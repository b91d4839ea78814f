/** Autocomplete for the `group` option: this tenant's groups, this channel's first, matching what was typed. */
import type { Completion } from '../../../completion.js';
import { normalize } from '../../../text/similarity.js';
import type { CompleterSpec } from '../../../commands/spec.js';
import { headOf } from '../../../text/cut.js';

export const groupCompleter: CompleterSpec = {
  source: 'group',
  async complete(ctx, partial, services): Promise<Completion[]> {
    const typed = normalize(partial);
    const groups = await services.readingGroups.store.groupsOf(ctx.actor.platform, ctx.actor.tenantId);
    const here = (channelId: string) => (channelId === ctx.conversation.channelId ? 0 : 1);
    return groups
      .filter((g) => typed === '' || normalize(g.name).includes(typed) || String(g.id) === typed)
      .sort((a, b) => here(a.channelId) - here(b.channelId) || a.id - b.id)
      .map((g) => ({ name: headOf(`${g.name} (${g.id})`, 100), value: headOf(g.name, 100) }));
  },
};
