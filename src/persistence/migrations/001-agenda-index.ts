import type { Migration } from './index.js';

/**
 * The full-text index over the agenda. It is derived data: rebuilt whenever the
 * agenda file's content hash differs from the one recorded in `agenda_index_meta`.
 */
export const agendaIndex: Migration = {
  version: 1,
  name: 'agenda index',
  sql: `
    CREATE TABLE agenda_index_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      agenda_hash TEXT NOT NULL,
      indexed_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE agenda_fts USING fts5(
      kind UNINDEXED,
      item_id UNINDEXED,
      challenge_id UNINDEXED,
      origin UNINDEXED,
      title,
      body,
      keywords,
      tokenize = 'porter unicode61 remove_diacritics 2'
    );
  `,
};
