/** `/agenda category <id or name>`: a category's summary and its challenges. */
import { defineSubcommand } from '../../commands/spec.js';
import { requireCategory } from './lookup.js';
import { categoryView } from './views.js';

export const categorySubcommand = defineSubcommand({
  name: 'category',
  shareable: true,
  description: 'Show a category of the agenda and its challenges',
  examples: ['/agenda category 3', '/agenda category sociotechnical'],
  options: [
    {
      name: 'category',
      kind: 'string',
      description: 'category number (2, 3, 4) or name',
      required: true,
      syntax: 'rest',
      autocomplete: 'category',
    },
  ],
  run(_ctx, args, services) {
    const catalog = services.agenda();
    return categoryView(catalog, requireCategory(catalog, args.category));
  },
});
