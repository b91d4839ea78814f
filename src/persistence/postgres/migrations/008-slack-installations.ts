import type { Migration } from '../../migrations/index.js';

/**
 * Slack for many workspaces, as on SQLite (its migration 008): installations stored only sealed with
 * AES-256-GCM (`iv`, `tag`, `sealed` as bytes, `key_id` the sealing key's fingerprint), and what the bot paused
 * because a tenant removed the app.
 */
export const slackInstallations: Migration = {
  version: 8,
  name: 'slack installations',
  sql: `
    CREATE TABLE slack_installations (
      id TEXT COLLATE "C" PRIMARY KEY,
      team_id TEXT COLLATE "C",
      enterprise_id TEXT COLLATE "C",
      is_enterprise_install INTEGER NOT NULL DEFAULT 0,
      bot_id TEXT COLLATE "C",
      bot_user_id TEXT COLLATE "C",
      installer_user_id TEXT COLLATE "C",
      scopes TEXT COLLATE "C" NOT NULL DEFAULT '',
      key_id TEXT COLLATE "C" NOT NULL,
      iv BYTEA NOT NULL,
      tag BYTEA NOT NULL,
      sealed BYTEA NOT NULL,
      installed_at TEXT COLLATE "C" NOT NULL,
      updated_at TEXT COLLATE "C" NOT NULL,
      revoked_at TEXT COLLATE "C"
    );

    CREATE TABLE tenant_suspensions (
      platform TEXT COLLATE "C" NOT NULL,
      tenant_id TEXT COLLATE "C" NOT NULL,
      kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('subscription', 'reading_group')),
      item_id INTEGER NOT NULL,
      reason TEXT COLLATE "C" NOT NULL,
      suspended_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (platform, tenant_id, kind, item_id)
    );
  `,
};
