import type { Migration } from './index.js';

/**
 * Introductions between people interested in the same question or challenge. Consent
 * is a row per person and tenant (no row: off, the default); turning it off deletes the
 * row, which withdraws the person from every later introduction at once. The ledger keeps
 * each introduction once per topic and sorted member set, with its members in their own
 * table so that "already introduced to this person for this topic" is one lookup.
 */
export const introductions: Migration = {
  version: 5,
  name: 'introductions',
  sql: `
    CREATE TABLE introduction_consents (
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      opted_in_at TEXT NOT NULL,
      PRIMARY KEY (platform, tenant_id, user_id)
    );

    CREATE TABLE introduction_channels (
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      set_by TEXT NOT NULL,
      set_at TEXT NOT NULL,
      PRIMARY KEY (platform, tenant_id)
    );

    CREATE TABLE introductions (
      id INTEGER PRIMARY KEY,
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      topic TEXT NOT NULL,
      member_key TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (platform, tenant_id, topic, member_key)
    );

    CREATE TABLE introduction_members (
      introduction_id INTEGER NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      PRIMARY KEY (introduction_id, user_id)
    );
    CREATE INDEX introduction_members_user ON introduction_members (user_id);
  `,
};
