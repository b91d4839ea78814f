/**
 * Read access to one loaded agenda, with the lookups every feature shares.
 * CONTRACT STUB: the foundation work replaces this with the real implementation,
 * keeping these method names (other features call them).
 */
import type { Agenda, Category, Challenge, Question, Subsection } from './model.js';

/** A challenge or a category, as named in `in:` filters and subscriptions. */
export type Scope =
  | { readonly kind: 'challenge'; readonly challenge: Challenge }
  | { readonly kind: 'category'; readonly category: Category };

export type ScopeResolution = Scope | { readonly kind: 'none'; readonly suggestions: readonly string[] };

export interface AgendaCatalog {
  readonly agenda: Agenda;
  category(id: string): Category | undefined;
  challenge(id: string): Challenge | undefined;
  subsection(section: string): Subsection | undefined;
  question(id: string): Question | undefined;
  /** Every question in agenda order (challenge by challenge, subsection by subsection). */
  questions(): readonly Question[];
  /** Resolves an id, slug, name or loose words to a challenge or category. */
  resolveScope(text: string): ScopeResolution;
  /** Challenge ids covered by a scope. */
  challengeIdsOf(scope: Scope): readonly string[];
  /** A link into the paper for a challenge (`3.5`) or subsection (`3.5.2`). */
  link(section: string): string;
}
