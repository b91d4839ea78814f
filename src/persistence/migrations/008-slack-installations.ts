import type { Migration } from './index.js';

/**
 * Slack for many workspaces. `slack_installations`: one row per workspace (`team:<id>`)
 * or per Enterprise Grid organisation installed org-wide (`enterprise:<id>`), replaced on
 * reinstall. The installation (bot token included) is stored only sealed with AES-256-GCM:
 * `iv` (12 random bytes per write), `tag`, `sealed`, and `key_id`, the fingerprint of the key
 * that sealed it, so a key rotation can find rows still under the old key.
 *
 * `tenant_suspensions`: what the bot paused because a tenant removed the app, so a
 * reinstall resumes exactly those (and nothing an organiser had paused on purpose).
 */
export const slackInstallations: Migration = {
  version: 8,
  name: 'slack installations',
  sql: `
    CREATE TABLE slack_installations (
      id TEXT PRIMARY KEY,
      team_id TEXT,
      enterprise_id TEXT,
      is_enterprise_install INTEGER NOT NULL DEFAULT 0,
      bot_id TEXT,
      bot_user_id TEXT,
      installer_user_id TEXT,
      scopes TEXT NOT NULL DEFAULT '',
      key_id TEXT NOT NULL,
      iv BLOB NOT NULL,
      tag BLOB NOT NULL,
      sealed BLOB NOT NULL,
      installed_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      revoked_at TEXT
    ) WITHOUT ROWID;

    CREATE TABLE tenant_suspensions (
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('subscription', 'reading_group')),
      item_id INTEGER NOT NULL,
      reason TEXT NOT NULL,
      suspended_at TEXT NOT NULL,
      PRIMARY KEY (platform, tenant_id, kind, item_id)
    ) WITHOUT ROWID;
  `,
};
