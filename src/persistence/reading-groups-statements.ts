/** The reading-group repository's SQL, prepared once per database, its row shapes and one `toX(row)` per table. */
import type { Platform } from '../core/context.js';
import type {
  GroupStatus,
  Member,
  Note,
  ReadingGroup,
  ReminderRoute,
  Session,
  SessionStatus,
  SyllabusUnit,
} from '../core/features/reading-groups/model.js';
import type { Db } from './db.js';

export interface GroupRow {
  id: number;
  platform: string;
  tenant_id: string;
  channel_id: string;
  name: string;
  unit: SyllabusUnit;
  syllabus_spec: string;
  weekday: number;
  local_time: string;
  time_zone: string;
  every_weeks: number;
  status: GroupStatus;
  created_by: string;
  created_at: string;
  events_on: number;
}

export interface SessionRow {
  group_id: number;
  number: number;
  unit_id: string;
  local_date: string;
  starts_at: string;
  status: SessionStatus;
  facilitator_id: string | null;
  event_id: string | null;
  question_ids: string;
}

export interface MemberRow {
  user_id: string;
  joined_at: string;
  remind: ReminderRoute;
  volunteered_at: string | null;
}

export interface NoteRow {
  id: number;
  group_id: number;
  number: number;
  author_id: string;
  text: string;
  created_at: string;
}

/** Every statement the reading-group repository runs, prepared once; grouped by the table they touch. */
export function prepareReadingGroupStatements(db: Db) {
  return { ...groupStatements(db), ...sessionStatements(db), ...memberStatements(db), ...rsvpAndNoteStatements(db) };
}

function groupStatements(db: Db) {
  return {
    insertGroup: db.prepare(`
      INSERT INTO reading_groups (platform, tenant_id, channel_id, name, name_key, unit, syllabus_spec, weekday,
        local_time, time_zone, every_weeks, created_by, created_at, events_on)
      VALUES (@platform, @tenant_id, @channel_id, @name, @name_key, @unit, @syllabus_spec, @weekday,
        @local_time, @time_zone, @every_weeks, @created_by, @created_at, @events_on)`),
    groupById: db.prepare('SELECT * FROM reading_groups WHERE id = ?'),
    groupsOf: db.prepare(
      `SELECT * FROM reading_groups WHERE platform = ? AND tenant_id = ? AND status <> 'archived' ORDER BY id`,
    ),
    activeGroups: db.prepare(`SELECT * FROM reading_groups WHERE status = 'active' ORDER BY id`),
    activeGroupsWithSessionBy: db.prepare(`
      SELECT * FROM reading_groups WHERE status = 'active' AND id IN (
        SELECT group_id FROM reading_group_sessions WHERE status = 'scheduled' AND starts_at <= ?)
      ORDER BY id`),
    setStatus: db.prepare('UPDATE reading_groups SET status = ? WHERE id = ?'),
  };
}

function sessionStatements(db: Db) {
  return {
    insertSession: db.prepare(
      'INSERT INTO reading_group_sessions (group_id, number, unit_id, local_date, starts_at) VALUES (?, ?, ?, ?, ?)',
    ),
    sessions: db.prepare('SELECT * FROM reading_group_sessions WHERE group_id = ? ORDER BY number'),
    session: db.prepare('SELECT * FROM reading_group_sessions WHERE group_id = ? AND number = ?'),
    moveSession: db.prepare(
      'UPDATE reading_group_sessions SET local_date = ?, starts_at = ? WHERE group_id = ? AND number = ?',
    ),
    openSession: db.prepare(
      `UPDATE reading_group_sessions SET status = 'open', facilitator_id = ?, question_ids = ? WHERE group_id = ? AND number = ? AND status = 'scheduled'`,
    ),
    setFacilitator: db.prepare(
      'UPDATE reading_group_sessions SET facilitator_id = ? WHERE group_id = ? AND number = ?',
    ),
    setQuestions: db.prepare('UPDATE reading_group_sessions SET question_ids = ? WHERE group_id = ? AND number = ?'),
    markCovered: db.prepare(`UPDATE reading_group_sessions SET status = 'covered' WHERE group_id = ? AND number = ?`),
    setEventId: db.prepare('UPDATE reading_group_sessions SET event_id = ? WHERE group_id = ? AND number = ?'),
  };
}

/** Members and organisers. */
function memberStatements(db: Db) {
  return {
    members: db.prepare('SELECT * FROM reading_group_members WHERE group_id = ? ORDER BY joined_at, user_id'),
    addMember: db.prepare(
      'INSERT OR IGNORE INTO reading_group_members (group_id, user_id, joined_at) VALUES (?, ?, ?)',
    ),
    removeMember: db.prepare('DELETE FROM reading_group_members WHERE group_id = ? AND user_id = ?'),
    setRemind: db.prepare('UPDATE reading_group_members SET remind = ? WHERE group_id = ? AND user_id = ?'),
    volunteer: db.prepare(
      'UPDATE reading_group_members SET volunteered_at = coalesce(volunteered_at, ?) WHERE group_id = ? AND user_id = ?',
    ),

    organisers: db.prepare('SELECT user_id FROM reading_group_organisers WHERE group_id = ? ORDER BY rowid'),
    insertOrganiser: db.prepare('INSERT OR IGNORE INTO reading_group_organisers (group_id, user_id) VALUES (?, ?)'),
    removeOrganiser: db.prepare('DELETE FROM reading_group_organisers WHERE group_id = ? AND user_id = ?'),
  };
}

function rsvpAndNoteStatements(db: Db) {
  return {
    upsertRsvp: db.prepare(`INSERT INTO reading_group_rsvps (group_id, number, user_id, answer) VALUES (?, ?, ?, ?)
      ON CONFLICT (group_id, number, user_id) DO UPDATE SET answer = excluded.answer`),
    deleteRsvp: db.prepare('DELETE FROM reading_group_rsvps WHERE group_id = ? AND number = ? AND user_id = ?'),
    rsvps: db.prepare(
      'SELECT user_id, answer FROM reading_group_rsvps WHERE group_id = ? AND number = ? ORDER BY rowid',
    ),

    insertNote: db.prepare(
      'INSERT INTO reading_group_notes (group_id, number, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    noteById: db.prepare('SELECT * FROM reading_group_notes WHERE id = ?'),
    sessionNotes: db.prepare(
      'SELECT * FROM reading_group_notes WHERE group_id = ? AND number = ? ORDER BY created_at, id',
    ),
    allNotes: db.prepare('SELECT * FROM reading_group_notes WHERE group_id = ? ORDER BY number, created_at, id'),
    deleteNote: db.prepare('DELETE FROM reading_group_notes WHERE id = ? AND group_id = ? AND author_id = ?'),
  };
}

export function toGroup(row: GroupRow): ReadingGroup {
  return {
    id: row.id,
    platform: row.platform as Platform,
    tenantId: row.tenant_id,
    channelId: row.channel_id,
    name: row.name,
    unit: row.unit,
    syllabusSpec: row.syllabus_spec,
    schedule: { weekday: row.weekday, localTime: row.local_time, timeZone: row.time_zone, everyWeeks: row.every_weeks },
    status: row.status,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    eventsOn: row.events_on === 1,
  };
}

export function toSession(row: SessionRow): Session {
  return {
    groupId: row.group_id,
    number: row.number,
    unitId: row.unit_id,
    localDate: row.local_date,
    startsAt: new Date(row.starts_at),
    status: row.status,
    facilitatorId: row.facilitator_id,
    eventId: row.event_id,
    questionIds: JSON.parse(row.question_ids) as string[],
  };
}

export function toMember(row: MemberRow): Member {
  return {
    userId: row.user_id,
    joinedAt: new Date(row.joined_at),
    remind: row.remind,
    volunteeredAt: row.volunteered_at === null ? null : new Date(row.volunteered_at),
  };
}

export function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    groupId: row.group_id,
    sessionNumber: row.number,
    authorId: row.author_id,
    text: row.text,
    createdAt: new Date(row.created_at),
  };
}
