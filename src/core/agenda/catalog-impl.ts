/**
 * The in-memory `AgendaCatalog`: id maps built once per loaded agenda, plus name
 * resolution (ids, slugs, headings, keywords, loose words with typos).
 */
import type { AgendaCatalog, ChallengeMatch, Scope, ScopeResolution } from './catalog.js';
import { exactMatch, looseMatches, type MatchTarget, type Scored } from './match.js';
import type { Agenda, Challenge, Question, Subsection } from './model.js';

/** A loose match counts as found when its words matched this well on average (1 = all exact). */
const CONFIDENT_QUALITY = 0.8;
/** Runners-up within this share of the best score are offered as alternatives. */
const ALTERNATIVE_SHARE = 0.75;

export function createCatalog(agenda: Agenda): AgendaCatalog {
  const categories = new Map(agenda.categories.map((c) => [c.id, c]));
  const categoriesBySection = new Map(agenda.categories.map((c) => [c.section, c]));
  const challenges = new Map(agenda.challenges.map((c) => [c.id, c]));
  const subsections = new Map<string, Subsection>();
  const questions = new Map<string, Question>();
  for (const challenge of agenda.challenges) {
    for (const subsection of challenge.subsections) subsections.set(subsection.section, subsection);
    for (const question of challenge.questions) questions.set(question.id, question);
  }
  const allQuestions = agenda.challenges.flatMap((c) => c.questions);

  const scopeTargets = scopeTargetsOf(agenda);
  const challengeTargets: MatchTarget<Challenge>[] = agenda.challenges.map((challenge) => ({
    value: challenge,
    ...challengeNames(challenge),
  }));

  const resolveChallenge = (text: string): ChallengeMatch => {
    const wanted = stripSection(text);
    const bySubsection = /^(\d+\.\d+)\.\d+$/u.exec(wanted)?.[1];
    const direct = challenges.get(wanted) ?? (bySubsection ? challenges.get(bySubsection) : undefined);
    const exact = direct ?? exactMatch(wanted, challengeTargets);
    if (exact) return { kind: 'found', challenge: exact, exact: true, alternatives: [] };
    return decide(looseMatches(wanted, challengeTargets));
  };

  return {
    agenda,
    category: (id) => categories.get(id) ?? categoriesBySection.get(id),
    challenge: (id) => challenges.get(id),
    subsection: (section) => subsections.get(section),
    question: (id) => questions.get(id),
    questions: () => allQuestions,
    resolveChallenge,
    resolveScope(text: string): ScopeResolution {
      const wanted = stripSection(text);
      const category = categoriesBySection.get(wanted) ?? categories.get(wanted.toLowerCase());
      if (category) return { kind: 'category', category };
      const exact = exactMatch(wanted, scopeTargets);
      if (exact) return exact;
      const challenge = resolveChallenge(wanted);
      if (challenge.kind === 'found') return { kind: 'challenge', challenge: challenge.challenge };
      const loose = looseMatches(wanted, scopeTargets);
      const best = loose[0];
      if (best && best.quality >= CONFIDENT_QUALITY) return best.value;
      return { kind: 'none', suggestions: loose.slice(0, 3).map((s) => scopeId(s.value)) };
    },
    challengeIdsOf: (scope) => (scope.kind === 'challenge' ? [scope.challenge.id] : scope.category.challengeIds),
    link(section: string): string {
      const template = /^\d+\.\d+$/u.test(section) ? agenda.links.challenge : agenda.links.subsection;
      return template.replaceAll('{section}', encodeURIComponent(section));
    },
  };
}

/** Every category and challenge under the names a user may call it by. */
function scopeTargetsOf(agenda: Agenda): MatchTarget<Scope>[] {
  return [
    ...agenda.categories.map((category) => ({
      value: { kind: 'category', category } as const,
      exactNames: [category.id, category.section, category.title, category.paperTitle],
      titles: [category.title, category.paperTitle, category.id],
      keywords: [],
    })),
    ...agenda.challenges.map((challenge) => ({
      value: { kind: 'challenge', challenge } as const,
      ...challengeNames(challenge),
    })),
  ];
}

/** `3.5` for a challenge scope, `3` for a category scope: what a user would type back. */
export function scopeId(scope: Scope): string {
  return scope.kind === 'challenge' ? scope.challenge.id : scope.category.section;
}

function challengeNames(challenge: Challenge): Omit<MatchTarget<unknown>, 'value'> {
  return {
    exactNames: [challenge.id, challenge.slug, challenge.title, challenge.paperTitle],
    titles: [challenge.title, challenge.paperTitle, challenge.slug],
    keywords: challenge.keywords,
  };
}

/** Longer text names nothing more precisely; bounding it keeps loose matching cheap. */
const MAX_NAME_LENGTH = 200;

/** Accepts `§3.5` and `section 3.5` as well as `3.5`. */
function stripSection(text: string): string {
  return text
    .slice(0, MAX_NAME_LENGTH)
    .trim()
    .replace(/^(§|sec(tion)?\.?)\s*/iu, '')
    .trim();
}

function decide(loose: readonly Scored<Challenge>[]): ChallengeMatch {
  const best = loose[0];
  if (!best || best.quality < CONFIDENT_QUALITY) {
    return { kind: 'none', suggestions: loose.slice(0, 3).map((s) => s.value) };
  }
  const alternatives = loose
    .slice(1)
    .filter((s) => s.score >= best.score * ALTERNATIVE_SHARE)
    .slice(0, 3)
    .map((s) => s.value);
  return { kind: 'found', challenge: best.value, exact: false, alternatives };
}
