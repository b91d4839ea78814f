/**
 * Full-text search over the agenda. The core owns the query semantics; the store
 * implements it (SQLite FTS5, BM25). User text never reaches FTS5 as syntax.
 */
import type { Origin } from '../message.js';

export interface SearchFilter {
  /** Only these challenges (from an `in:` scope). */
  readonly challengeIds?: readonly string[];
  readonly origin?: Origin;
  /** Only entries of this kind (related questions ask for questions only). */
  readonly kind?: SearchHit['kind'];
  /** Leave out these challenges (related questions look elsewhere first). */
  readonly exceptChallengeIds?: readonly string[];
  /**
   * Rank every entry that has any of the words, without first requiring all of them:
   * for "more like this" queries built from an entry's own text, where no other entry
   * has every word.
   */
  readonly anyWord?: boolean;
}

export interface SearchHit {
  readonly kind: 'challenge' | 'subsection' | 'question';
  /** `3.5`, `3.5.2` or `3.5.2-p1`. */
  readonly id: string;
  /** Lower is better (BM25 as FTS5 reports it). */
  readonly rank: number;
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  /** All matches before the limit, so replies can say "showing 10 of 34". */
  readonly total: number;
  /**
   * True when no entry contained every word, so the hits contain only some of them
   * (best first). Replies should say so rather than present them as exact matches.
   */
  readonly relaxed?: boolean;
}

export interface AgendaSearch {
  search(query: string, filter: SearchFilter, limit: number): Promise<SearchResult>;
}
