import type { Migration } from '../../migrations/index.js';

/**
 * Calendars of reading groups, as on SQLite (see its migration 006): session revisions raised by triggers in
 * the same transaction as the change, and feeds kept only as the SHA-256 of their token. The triggers are
 * PL/pgSQL functions here; they do what SQLite's do.
 */
export const readingGroupCalendars: Migration = {
  version: 6,
  name: 'reading-group calendars',
  sql: `
    CREATE TABLE reading_group_session_revisions (
      group_id INTEGER NOT NULL,
      number INTEGER NOT NULL,
      sequence INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (group_id, number),
      FOREIGN KEY (group_id, number) REFERENCES reading_group_sessions (group_id, number) ON DELETE CASCADE
    );

    CREATE FUNCTION reading_group_session_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO reading_group_session_revisions (group_id, number, sequence) VALUES (NEW.group_id, NEW.number, 1)
        ON CONFLICT (group_id, number) DO UPDATE SET sequence = reading_group_session_revisions.sequence + 1;
      RETURN NULL;
    END $$;
    CREATE TRIGGER reading_group_session_moved
      AFTER UPDATE OF starts_at ON reading_group_sessions
      FOR EACH ROW WHEN (NEW.starts_at <> OLD.starts_at)
      EXECUTE FUNCTION reading_group_session_moved();

    CREATE FUNCTION reading_group_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO reading_group_session_revisions (group_id, number, sequence)
        SELECT group_id, number, 1 FROM reading_group_sessions WHERE group_id = NEW.id AND status = 'scheduled'
        ON CONFLICT (group_id, number) DO UPDATE SET sequence = reading_group_session_revisions.sequence + 1;
      RETURN NULL;
    END $$;
    CREATE TRIGGER reading_group_status_changed
      AFTER UPDATE OF status ON reading_groups
      FOR EACH ROW WHEN (NEW.status <> OLD.status)
      EXECUTE FUNCTION reading_group_status_changed();

    CREATE TABLE reading_group_calendar_feeds (
      group_id INTEGER PRIMARY KEY REFERENCES reading_groups (id) ON DELETE CASCADE,
      token_sha256 TEXT COLLATE "C" NOT NULL UNIQUE,
      created_by TEXT COLLATE "C" NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL
    );
  `,
};
