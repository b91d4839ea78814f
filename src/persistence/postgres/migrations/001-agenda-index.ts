import type { Migration } from '../../migrations/index.js';

/**
 * The agenda's search index (SQLite: FTS5). Derived data, rebuilt when the agenda's content hash differs from
 * the recorded one. Each entry's document is a weighted `tsvector`: title A, keywords B, text C, so a word in a
 * title outranks the same word as a keyword, and a keyword outranks a word in passing (the FTS5 weights' order).
 * `position` keeps the insertion order, FTS5's rowid, as the tie-break between equal ranks.
 */
export const agendaIndex: Migration = {
  version: 1,
  name: 'agenda index',
  sql: `
    CREATE TABLE agenda_index_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      agenda_hash TEXT COLLATE "C" NOT NULL,
      indexed_at TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE agenda_entries (
      position INTEGER NOT NULL PRIMARY KEY,
      kind TEXT COLLATE "C" NOT NULL,
      item_id TEXT COLLATE "C" NOT NULL,
      challenge_id TEXT COLLATE "C" NOT NULL,
      origin TEXT COLLATE "C" NOT NULL,
      title TEXT COLLATE "C" NOT NULL,
      body TEXT COLLATE "C" NOT NULL,
      keywords TEXT COLLATE "C" NOT NULL,
      document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', keywords), 'B') ||
        setweight(to_tsvector('english', body), 'C')
      ) STORED
    );
    CREATE INDEX agenda_entries_document ON agenda_entries USING GIN (document);
  `,
};
