/**
 * PostgreSQL implementation of `ReadingGroupStore`. Rows have SQLite's shape, so the mappers in
 * `../reading-groups-statements.ts` read them. Organisers and RSVPs are listed in the order they were added
 * (`seq`, SQLite's rowid). RSVP counts are always counted from the rows: two people answering at once through
 * two processes both count, and the card is rendered from what the database holds.
 */
import type { Platform } from '../../core/context.js';
import type {
  GroupStatus,
  NewGroup,
  Note,
  ReadingGroup,
  Session,
  SessionMove,
} from '../../core/features/reading-groups/model.js';
import type { ReadingGroupStore } from '../../core/features/reading-groups/store.js';
import { normalize } from '../../core/text/similarity.js';
import {
  toGroup,
  toNote,
  toSession,
  type GroupRow,
  type NoteRow,
  type SessionRow,
} from '../reading-groups-statements.js';
import type { Executor } from './connection.js';
import { PostgresReadingGroupPeople } from './reading-group-people.js';
import { sql, type Sql } from './sql.js';

export class PostgresReadingGroups extends PostgresReadingGroupPeople implements ReadingGroupStore {
  constructor(db: Executor) {
    super(db);
  }

  async createGroup(g: NewGroup): Promise<ReadingGroup> {
    return this.db.transaction(async (tx) => {
      const s = g.schedule;
      const row = await tx.row<GroupRow>(sql`
        INSERT INTO reading_groups (platform, tenant_id, channel_id, name, name_key, unit, syllabus_spec, weekday,
            local_time, time_zone, every_weeks, created_by, created_at, events_on)
          VALUES (${g.platform}, ${g.tenantId}, ${g.channelId}, ${g.name}, ${normalize(g.name)}, ${g.unit},
            ${g.syllabusSpec}, ${s.weekday}, ${s.localTime}, ${s.timeZone}, ${s.everyWeeks}, ${g.createdBy},
            ${g.createdAt.toISOString()}, ${g.eventsOn ? 1 : 0})
          RETURNING *`);
      if (!row) throw new Error('INSERT … RETURNING gave no row');
      for (const [index, session] of g.sessions.entries()) {
        await tx.run(sql`
          INSERT INTO reading_group_sessions (group_id, number, unit_id, local_date, starts_at)
            VALUES (${row.id}, ${index + 1}, ${session.unitId}, ${session.localDate}, ${session.startsAt.toISOString()})`);
      }
      await tx.run(sql`INSERT INTO reading_group_organisers (group_id, user_id) VALUES (${row.id}, ${g.createdBy})`);
      return toGroup(row);
    });
  }

  async group(platform: Platform, tenantId: string, id: number): Promise<ReadingGroup | undefined> {
    const row = await this.db.row<GroupRow>(
      sql`SELECT * FROM reading_groups WHERE id = ${id} AND platform = ${platform} AND tenant_id = ${tenantId}`,
    );
    return row ? toGroup(row) : undefined;
  }

  async groupsOf(platform: Platform, tenantId: string): Promise<readonly ReadingGroup[]> {
    const rows = await this.db.rows<GroupRow>(sql`
      SELECT * FROM reading_groups WHERE platform = ${platform} AND tenant_id = ${tenantId} AND status <> 'archived'
        ORDER BY id`);
    return rows.map(toGroup);
  }

  async activeGroups(): Promise<readonly ReadingGroup[]> {
    return (await this.db.rows<GroupRow>(sql`SELECT * FROM reading_groups WHERE status = 'active' ORDER BY id`)).map(
      toGroup,
    );
  }

  async setStatus(groupId: number, status: GroupStatus): Promise<void> {
    await this.db.run(sql`UPDATE reading_groups SET status = ${status} WHERE id = ${groupId}`);
  }

  async sessions(groupId: number): Promise<readonly Session[]> {
    const rows = await this.db.rows<SessionRow>(
      sql`SELECT * FROM reading_group_sessions WHERE group_id = ${groupId} ORDER BY number`,
    );
    return rows.map(toSession);
  }

  async session(groupId: number, number: number): Promise<Session | undefined> {
    const row = await this.db.row<SessionRow>(
      sql`SELECT * FROM reading_group_sessions WHERE group_id = ${groupId} AND number = ${number}`,
    );
    return row ? toSession(row) : undefined;
  }

  async moveSessions(groupId: number, moves: readonly SessionMove[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const move of moves) {
        await tx.run(sql`
          UPDATE reading_group_sessions SET local_date = ${move.localDate}, starts_at = ${move.startsAt.toISOString()}
            WHERE group_id = ${groupId} AND number = ${move.number}`);
      }
    });
  }

  async openSession(
    groupId: number,
    number: number,
    opened: { facilitatorId: string | null; questionIds: readonly string[] },
  ): Promise<boolean> {
    const changed = await this.db.run(sql`
      UPDATE reading_group_sessions SET status = 'open', facilitator_id = ${opened.facilitatorId},
          question_ids = ${JSON.stringify(opened.questionIds)}
        WHERE group_id = ${groupId} AND number = ${number} AND status = 'scheduled'`);
    return changed > 0;
  }

  async setFacilitator(groupId: number, number: number, userId: string | null): Promise<void> {
    await this.#updateSession(groupId, number, sql`facilitator_id = ${userId}`);
  }

  async setQuestions(groupId: number, number: number, questionIds: readonly string[]): Promise<void> {
    await this.#updateSession(groupId, number, sql`question_ids = ${JSON.stringify(questionIds)}`);
  }

  async markCovered(groupId: number, number: number): Promise<void> {
    await this.#updateSession(groupId, number, sql`status = 'covered'`);
  }

  async setEventId(groupId: number, number: number, eventId: string | null): Promise<void> {
    await this.#updateSession(groupId, number, sql`event_id = ${eventId}`);
  }

  async #updateSession(groupId: number, number: number, set: Sql): Promise<void> {
    await this.db.run(sql`UPDATE reading_group_sessions SET ${set} WHERE group_id = ${groupId} AND number = ${number}`);
  }

  async addNote(groupId: number, number: number, authorId: string, text: string, at: Date): Promise<Note> {
    const row = await this.db.row<NoteRow>(sql`
      INSERT INTO reading_group_notes (group_id, number, author_id, text, created_at)
        VALUES (${groupId}, ${number}, ${authorId}, ${text}, ${at.toISOString()}) RETURNING *`);
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return toNote(row);
  }

  async notes(groupId: number, number?: number): Promise<readonly Note[]> {
    const rows = await this.db.rows<NoteRow>(
      number === undefined
        ? sql`SELECT * FROM reading_group_notes WHERE group_id = ${groupId} ORDER BY number, created_at, id`
        : sql`SELECT * FROM reading_group_notes WHERE group_id = ${groupId} AND number = ${number}
                ORDER BY created_at, id`,
    );
    return rows.map(toNote);
  }

  async deleteNote(groupId: number, noteId: number, authorId: string): Promise<boolean> {
    const changed = await this.db.run(
      sql`DELETE FROM reading_group_notes WHERE id = ${noteId} AND group_id = ${groupId} AND author_id = ${authorId}`,
    );
    return changed > 0;
  }

  async activeGroupsWithSessionBy(at: Date): Promise<readonly ReadingGroup[]> {
    const rows = await this.db.rows<GroupRow>(sql`
      SELECT * FROM reading_groups WHERE status = 'active' AND id IN (
        SELECT group_id FROM reading_group_sessions WHERE status = 'scheduled' AND starts_at <= ${at.toISOString()})
      ORDER BY id`);
    return rows.map(toGroup);
  }
}
