/**
 * Turns `syllabus:` and `unit:` as typed into the ordered list of units a group
 * works through: `all` (the whole agenda, in the paper's order), a category
 * (`scientific-understanding`, `2`, or its name), or a list of ids such as
 * `3.4,3.5,2.5` (kept in the order given). With `unit:subsection` every challenge
 * expands to its subsections, and a list may also name subsections directly.
 */
import type { AgendaCatalog } from '../../agenda/catalog.js';
import { UserError } from '../../errors.js';
import type { SyllabusUnit } from './model.js';

/** Deep groups take one subsection per session; more than a year of weekly sessions is a typo, not a plan. */
export const MAX_SESSIONS = 120;

export function parseUnit(raw: string | undefined): SyllabusUnit {
  if (raw === undefined) return 'challenge';
  const text = raw.trim().toLowerCase();
  if (text === 'challenge' || text === 'challenges') return 'challenge';
  if (text === 'subsection' || text === 'subsections') return 'subsection';
  throw new UserError(
    'bad-unit',
    `unit:${raw} is not a unit: use unit:challenge (one challenge per session) or unit:subsection (one subsection per session).`,
  );
}

/** The unit ids of a syllabus, in session order. */
export function resolveSyllabus(catalog: AgendaCatalog, raw: string | undefined, unit: SyllabusUnit): string[] {
  const text = (raw ?? 'all').trim();
  const challengeIds =
    text.toLowerCase() === 'all' || text === '' ? catalog.agenda.challenges.map((c) => c.id) : undefined;
  const units = challengeIds
    ? expand(catalog, challengeIds, unit)
    : /^[\d.,\s]+$/u.test(text)
      ? fromList(catalog, text, unit)
      : fromScope(catalog, text, unit);
  if (units.length > MAX_SESSIONS) {
    throw new UserError(
      'syllabus-too-long',
      `That syllabus has ${units.length} sessions; the most is ${MAX_SESSIONS}. Choose a category or a list of challenges, or unit:challenge.`,
    );
  }
  return units;
}

function expand(catalog: AgendaCatalog, challengeIds: readonly string[], unit: SyllabusUnit): string[] {
  if (unit === 'challenge') return [...challengeIds];
  return challengeIds.flatMap((id) => catalog.challenge(id)?.subsections.map((s) => s.section) ?? []);
}

function fromScope(catalog: AgendaCatalog, text: string, unit: SyllabusUnit): string[] {
  const scope = catalog.resolveScope(text);
  if (scope.kind === 'none') {
    const hint =
      scope.suggestions.length > 0 ? ` Did you mean ${scope.suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '';
    throw new UserError(
      'bad-syllabus',
      `syllabus:${text} matches no category or challenge.${hint} Use syllabus:all, a category (such as ${catalog.agenda.categories.map((c) => c.id).join(', ')}), or a list of challenge ids such as 3.4,3.5,2.5.`,
    );
  }
  return expand(catalog, catalog.challengeIdsOf(scope), unit);
}

function fromList(catalog: AgendaCatalog, text: string, unit: SyllabusUnit): string[] {
  const ids = text.split(/[,\s]+/u).filter((id) => id !== '');
  const seen = new Set<string>();
  const units: string[] = [];
  for (const id of ids) {
    const parts = id.split('.').length;
    let expanded: string[];
    if (parts === 1) {
      const category = catalog.agenda.categories.find((c) => c.section === id);
      expanded = expand(catalog, category?.challengeIds ?? [], unit);
    } else if (parts === 2 && catalog.challenge(id)) {
      expanded = expand(catalog, [id], unit);
    } else if (parts === 3 && catalog.subsection(id)) {
      if (unit === 'challenge') {
        const parent = id.split('.').slice(0, 2).join('.');
        throw new UserError(
          'subsection-needs-unit',
          `syllabus: ${id} is a subsection; add unit:subsection to study subsections, or list its challenge ${parent}.`,
        );
      }
      expanded = [id];
    } else {
      throw new UserError(
        'unknown-syllabus-id',
        `syllabus: ${id} is not a ${parts === 3 ? 'subsection' : 'challenge'} of the agenda. ${rangeHint(catalog)}`,
      );
    }
    if (expanded.length === 0)
      throw new UserError(
        'unknown-syllabus-id',
        `syllabus: ${id} is not a challenge of the agenda. ${rangeHint(catalog)}`,
      );
    for (const unitId of expanded) {
      if (seen.has(unitId))
        throw new UserError(
          'duplicate-syllabus-id',
          `syllabus: ${unitId} appears twice; list each challenge or subsection once.`,
        );
      seen.add(unitId);
      units.push(unitId);
    }
  }
  return units;
}

function rangeHint(catalog: AgendaCatalog): string {
  const ids = catalog.agenda.challenges.map((c) => c.id);
  return `Challenges run from ${ids[0] ?? '?'} to ${ids[ids.length - 1] ?? '?'}; write a list such as 3.4,3.5,2.5.`;
}
