/**
 * Read access to one loaded agenda, with the lookups every feature shares.
 * Implemented by `createCatalog` in `catalog-impl.ts`; features code against this interface.
 */
import type { Agenda, Category, Challenge, Question, Subsection } from './model.js';

/** A challenge or a category, as named in `in:` filters and subscriptions. */
export type Scope =
  | { readonly kind: 'challenge'; readonly challenge: Challenge }
  | { readonly kind: 'category'; readonly category: Category };

export type ScopeResolution = Scope | { readonly kind: 'none'; readonly suggestions: readonly string[] };

/**
 * A challenge looked up by what a user typed. `exact` when an id, slug or full title
 * was typed; otherwise a confident loose match, with close runners-up as `alternatives`.
 * `none` carries near misses for a "did you mean" reply (possibly empty).
 */
export type ChallengeMatch =
  | {
      readonly kind: 'found';
      readonly challenge: Challenge;
      readonly exact: boolean;
      readonly alternatives: readonly Challenge[];
    }
  | { readonly kind: 'none'; readonly suggestions: readonly Challenge[] };

export interface AgendaCatalog {
  readonly agenda: Agenda;
  /** By category id (`deployment-safety`) or section number (`3`). */
  category(id: string): Category | undefined;
  challenge(id: string): Challenge | undefined;
  subsection(section: string): Subsection | undefined;
  question(id: string): Question | undefined;
  /** Every question in agenda order (challenge by challenge, subsection by subsection). */
  questions(): readonly Question[];
  /**
   * Resolves an id (`3.5`, `3`), slug, heading, our title, keyword or loose words
   * (typos allowed) to a challenge or category. `none.suggestions` are ids (`3.5`, `3`).
   */
  resolveScope(text: string): ScopeResolution;
  /** Resolves what a user typed to one challenge: best match and alternatives, or near misses. */
  resolveChallenge(text: string): ChallengeMatch;
  /** Challenge ids covered by a scope. */
  challengeIdsOf(scope: Scope): readonly string[];
  /** A link into the paper for a challenge (`3.5`) or subsection (`3.5.2`). */
  link(section: string): string;
}
