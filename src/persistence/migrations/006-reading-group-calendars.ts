import type { Migration } from './index.js';

/**
 * Calendars of reading groups. Two things the iCalendar files need that the sessions
 * table does not hold:
 * - a revision number per session (iCalendar's SEQUENCE), raised whenever a change
 *   reaches the calendar: its time moves (skip, postpone, resume) or its group's status
 *   changes (pause, resume, archive, which cancels the sessions not yet held). Triggers
 *   raise it in the same transaction as the change, so no code path that moves a
 *   session can forget it, and a calendar that imports the file again updates the event.
 * - the subscribable feed of a group: only the SHA-256 of its token is kept, so the
 *   database never holds a working feed address. One feed per group; a reset replaces it.
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

    CREATE TRIGGER reading_group_session_moved
      AFTER UPDATE OF starts_at ON reading_group_sessions
      WHEN NEW.starts_at <> OLD.starts_at
    BEGIN
      INSERT OR IGNORE INTO reading_group_session_revisions (group_id, number) VALUES (NEW.group_id, NEW.number);
      UPDATE reading_group_session_revisions SET sequence = sequence + 1
        WHERE group_id = NEW.group_id AND number = NEW.number;
    END;

    CREATE TRIGGER reading_group_status_changed
      AFTER UPDATE OF status ON reading_groups
      WHEN NEW.status <> OLD.status
    BEGIN
      INSERT OR IGNORE INTO reading_group_session_revisions (group_id, number)
        SELECT group_id, number FROM reading_group_sessions WHERE group_id = NEW.id AND status = 'scheduled';
      UPDATE reading_group_session_revisions SET sequence = sequence + 1
        WHERE group_id = NEW.id
          AND number IN (SELECT number FROM reading_group_sessions WHERE group_id = NEW.id AND status = 'scheduled');
    END;

    CREATE TABLE reading_group_calendar_feeds (
      group_id INTEGER PRIMARY KEY REFERENCES reading_groups (id) ON DELETE CASCADE,
      token_sha256 TEXT NOT NULL UNIQUE,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
  `,
};
