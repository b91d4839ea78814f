import type { Migration } from '../../migrations/index.js';

/**
 * SQLite's migration 010 keeps ranked lists for FTS5's most frequent words (`../../search-top-lists.ts`): a
 * copy of SQLite's own ranking, stored beside its index. PostgreSQL ranks through its GIN index and keeps no
 * such lists, so there is nothing to change here. The version exists because both backends number their
 * schemas together: at version N they hold the same data.
 */
export const searchTopLists: Migration = {
  version: 10,
  name: 'search top lists (SQLite only)',
  sql: `SELECT 1;`,
};
