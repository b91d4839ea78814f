/** `/agenda random [challenge or category] [origin:paper|prompt]`: one question picked at random. */
import { UserError } from '../../errors.js';
import { defineSubcommand } from '../../commands/spec.js';
import { echo } from './format.js';
import { requireScope } from './lookup.js';
import { parseOrigin } from './search.js';
import { questionView } from './views.js';
import { originFilterOption } from './origin-option.js';

export const randomSubcommand = defineSubcommand({
  name: 'random',
  description: 'Show a random question, from the whole agenda or one challenge or category',
  examples: ['/agenda random', '/agenda random 3.5', '/agenda random sociotechnical origin:prompt'],
  options: [
    {
      name: 'from',
      kind: 'string',
      description: 'a challenge or category to pick from',
      syntax: 'rest',
      autocomplete: 'scope',
    },
    originFilterOption,
  ],
  run(_ctx, args, services) {
    const catalog = services.agenda();
    const origin = parseOrigin(args.origin);
    const from = args.from?.trim() ?? '';
    const scope = from !== '' ? requireScope(catalog, from, `"${echo(from)}"`) : undefined;
    const ids = scope ? new Set(catalog.challengeIdsOf(scope)) : undefined;
    const pool = catalog
      .questions()
      .filter((q) => (!ids || ids.has(q.challengeId)) && (!origin || q.origin === origin));
    const where = scope
      ? scope.kind === 'challenge'
        ? `challenge ${scope.challenge.id}`
        : `§${scope.category.section} ${scope.category.title}`
      : 'the whole agenda';
    if (pool.length === 0) {
      const kind =
        origin === 'paper' ? 'questions from the paper' : origin === 'prompt' ? 'discussion prompts' : 'questions';
      throw new UserError(
        'nothing-to-pick',
        `There are no ${kind} in ${where} yet. Try \`/agenda random\` without filters.`,
      );
    }
    // Clamped: a random source may return values at the very top of its range.
    const picked = pool[Math.min(pool.length - 1, Math.floor(services.random() * pool.length))] ?? pool[0];
    if (!picked) throw new Error('empty question pool after check');
    const count = `${pool.length} ${origin === 'paper' ? 'paper question' : origin === 'prompt' ? 'prompt' : 'question'}${pool.length === 1 ? '' : 's'}`;
    return questionView(catalog, picked, [{ kind: 'context', spans: [`Picked at random from ${where} (${count}).`] }]);
  },
});
