import type { Migration } from '../../migrations/index.js';

/**
 * Inline references: the messages already answered, so a message gets at most one
 * reply (edits, redelivered events and a second process all find its row). Old rows are
 * pruned: the events that could repeat a reply arrive within minutes.
 */
export const inlineReplies: Migration = {
  version: 7,
  name: 'inline replies',
  sql: `
    CREATE TABLE inline_replies (
      platform TEXT COLLATE "C" NOT NULL,
      channel_id TEXT COLLATE "C" NOT NULL,
      message_id TEXT COLLATE "C" NOT NULL,
      tenant_id TEXT COLLATE "C" NOT NULL,
      claimed_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (platform, channel_id, message_id)
    );
    CREATE INDEX inline_replies_claimed_at ON inline_replies (claimed_at);
  `,
};
