/**
 * The agenda as the core sees it: categories hold challenges, challenges hold
 * subsections and questions. Loaded from an agenda file (snake_case JSON, see
 * `data/agenda.json`) by the loader, which validates it and builds these shapes.
 */
import type { Origin } from '../message.js';

export interface Agenda {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly source: AgendaSource;
  /** URL templates with `{section}`, e.g. for challenge `3.5` or subsection `3.5.2`. */
  readonly links: { readonly challenge: string; readonly subsection: string };
  readonly categories: readonly Category[];
  readonly challenges: readonly Challenge[];
}

export interface AgendaSource {
  readonly authors: string;
  readonly year: number;
  readonly url: string;
  readonly license: string;
  readonly venue?: string;
  readonly site?: string;
}

export interface Category {
  readonly id: string; // e.g. `scientific-understanding`
  readonly section: string; // e.g. `2`
  readonly title: string;
  readonly paperTitle: string;
  readonly summary: string;
  readonly challengeIds: readonly string[];
}

export interface Challenge {
  readonly id: string; // e.g. `3.5`
  readonly categoryId: string;
  readonly slug: string; // e.g. `jailbreaks-prompt-injection`
  readonly title: string; // our wording
  readonly paperTitle: string; // the paper's heading, verbatim, as a lookup key
  readonly summary: string;
  readonly keywords: readonly string[];
  readonly subsections: readonly Subsection[];
  readonly questions: readonly Question[];
}

export interface Subsection {
  readonly section: string; // e.g. `3.5.2`
  readonly challengeId: string;
  readonly title: string;
}

export interface Question {
  readonly id: string; // `3.5-q4` (paper) or `3.5.2-p1` (prompt)
  readonly challengeId: string;
  readonly section: string; // the subsection it belongs to / cites
  readonly origin: Origin;
  readonly text: string;
  readonly keywords: readonly string[];
  /** Our prompts: empirical, theoretical, methods, conceptual or policy. */
  readonly kind?: string;
}
