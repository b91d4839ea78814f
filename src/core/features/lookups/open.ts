/**
 * The `open` button: its value is an agenda id (category section, challenge,
 * subsection or question), and pressing it shows that entry to the presser.
 */
import { UserError } from '../../errors.js';
import type { ActionSpec } from '../../commands/spec.js';
import { normalizeQuestionId, requireQuestion } from './lookup.js';
import { categoryView, challengeView, questionView, subsectionView } from './views.js';
import { headOf } from '../../text/cut.js';

export const openAction: ActionSpec = {
  action: 'open',
  run(_ctx, value, services) {
    const catalog = services.agenda();
    const id = value.trim();
    const category = /^\d+$/u.test(id) ? catalog.category(id) : undefined;
    if (category) return { reply: categoryView(catalog, category) };
    const challenge = catalog.challenge(id);
    if (challenge) return { reply: challengeView(catalog, challenge) };
    const subsection = catalog.subsection(id);
    if (subsection) return { reply: subsectionView(catalog, subsection) };
    if (normalizeQuestionId(id)) return { reply: questionView(catalog, requireQuestion(catalog, id)) };
    // Buttons outlive agenda reloads; an id that no longer exists is the likely cause.
    throw new UserError(
      'stale-button',
      `\`${headOf(id, 40)}\` is no longer in the agenda. Run the command again for fresh buttons.`,
    );
  },
};
