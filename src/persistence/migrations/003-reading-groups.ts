import type { Migration } from './index.js';

/**
 * Reading groups, their sessions, people, RSVPs and notes. Session times are stored
 * twice on purpose: the local date (what the organiser means, and what skip and
 * postpone shift) and the UTC instant derived from it with the group's zone (what the
 * scheduler compares with the clock). Delivery state lives in the shared `deliveries`
 * ledger under keys `rg:<group>:<session>:…`, not here.
 */
export const readingGroups: Migration = {
  version: 3,
  name: 'reading groups',
  sql: `
    CREATE TABLE reading_groups (
      id INTEGER PRIMARY KEY,
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      unit TEXT NOT NULL CHECK (unit IN ('challenge', 'subsection')),
      syllabus_spec TEXT NOT NULL,
      weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
      local_time TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      every_weeks INTEGER NOT NULL CHECK (every_weeks IN (1, 2)),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      events_on INTEGER NOT NULL DEFAULT 0
    );
    -- A name is unique among a tenant's groups that are not archived.
    CREATE UNIQUE INDEX reading_groups_live_name
      ON reading_groups (platform, tenant_id, name_key) WHERE status <> 'archived';

    CREATE TABLE reading_group_sessions (
      group_id INTEGER NOT NULL REFERENCES reading_groups (id) ON DELETE CASCADE,
      number INTEGER NOT NULL,
      unit_id TEXT NOT NULL,
      local_date TEXT NOT NULL,
      starts_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'covered')),
      facilitator_id TEXT,
      event_id TEXT,
      question_ids TEXT NOT NULL DEFAULT '[]',
      PRIMARY KEY (group_id, number)
    );
    CREATE INDEX reading_group_sessions_due ON reading_group_sessions (status, starts_at);

    CREATE TABLE reading_group_members (
      group_id INTEGER NOT NULL REFERENCES reading_groups (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      joined_at TEXT NOT NULL,
      remind TEXT NOT NULL DEFAULT 'channel' CHECK (remind IN ('channel', 'dm')),
      volunteered_at TEXT,
      PRIMARY KEY (group_id, user_id)
    );

    CREATE TABLE reading_group_organisers (
      group_id INTEGER NOT NULL REFERENCES reading_groups (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      PRIMARY KEY (group_id, user_id)
    );

    CREATE TABLE reading_group_rsvps (
      group_id INTEGER NOT NULL,
      number INTEGER NOT NULL,
      user_id TEXT NOT NULL,
      answer TEXT NOT NULL CHECK (answer IN ('going', 'not-going')),
      PRIMARY KEY (group_id, number, user_id),
      FOREIGN KEY (group_id, number) REFERENCES reading_group_sessions (group_id, number) ON DELETE CASCADE
    );

    CREATE TABLE reading_group_notes (
      id INTEGER PRIMARY KEY,
      group_id INTEGER NOT NULL,
      number INTEGER NOT NULL,
      author_id TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at TEXT NOT NULL,
      FOREIGN KEY (group_id, number) REFERENCES reading_group_sessions (group_id, number) ON DELETE CASCADE
    );
    CREATE INDEX reading_group_notes_session ON reading_group_notes (group_id, number, created_at);
  `,
};
