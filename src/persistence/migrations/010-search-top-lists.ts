import type { Migration } from './index.js';

/**
 * Ranked lists kept for the words that many index entries match (`search-top-lists.ts`): derived data,
 * written with the index. `top_lists_hash` records the agenda they were made for; a database indexed
 * before this migration has none, and gets them at the next `ensureIndexed` without a full rebuild.
 */
export const searchTopLists: Migration = {
  version: 10,
  name: 'search top lists',
  sql: `
    ALTER TABLE agenda_index_meta ADD COLUMN top_lists_hash TEXT;
    CREATE TABLE agenda_fts_top (
      match TEXT PRIMARY KEY,
      total INTEGER NOT NULL,
      hits TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
