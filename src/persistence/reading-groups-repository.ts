/**
 * SQLite implementation of `ReadingGroupStore`. Statements are prepared once; rows are
 * mapped to core shapes in one `toX(row)` per table (both in reading-groups-statements.ts).
 * Multi-row writes run in transactions.
 */
import type { Platform } from '../core/context.js';
import type {
  GroupStatus,
  Member,
  NewGroup,
  Note,
  ReadingGroup,
  ReminderRoute,
  Rsvp,
  RsvpAnswer,
  Session,
  SessionMove,
} from '../core/features/reading-groups/model.js';
import type { ReadingGroupStore } from '../core/features/reading-groups/store.js';
import { normalize } from '../core/text/similarity.js';
import type { Db } from './db.js';
import type { Synchronous } from './sqlite-gate.js';
import {
  prepareReadingGroupStatements,
  toGroup,
  toMember,
  toNote,
  toSession,
  type GroupRow,
  type MemberRow,
  type NoteRow,
  type SessionRow,
} from './reading-groups-statements.js';

export class SqliteReadingGroupStore implements Synchronous<ReadingGroupStore> {
  readonly #db: Db;
  readonly #q: ReturnType<typeof prepareReadingGroupStatements>;

  constructor(db: Db) {
    this.#db = db;
    this.#q = prepareReadingGroupStatements(db);
  }

  createGroup(group: NewGroup): ReadingGroup {
    const create = this.#db.transaction((g: NewGroup): number => {
      const { lastInsertRowid } = this.#q.insertGroup.run({
        platform: g.platform,
        tenant_id: g.tenantId,
        channel_id: g.channelId,
        name: g.name,
        name_key: normalize(g.name),
        unit: g.unit,
        syllabus_spec: g.syllabusSpec,
        weekday: g.schedule.weekday,
        local_time: g.schedule.localTime,
        time_zone: g.schedule.timeZone,
        every_weeks: g.schedule.everyWeeks,
        created_by: g.createdBy,
        created_at: g.createdAt.toISOString(),
        events_on: g.eventsOn ? 1 : 0,
      });
      const id = Number(lastInsertRowid);
      g.sessions.forEach((s, index) => {
        this.#q.insertSession.run(id, index + 1, s.unitId, s.localDate, s.startsAt.toISOString());
      });
      this.#q.insertOrganiser.run(id, g.createdBy);
      return id;
    });
    const id = create.immediate(group);
    return toGroup(this.#q.groupById.get(id) as GroupRow);
  }

  group(platform: Platform, tenantId: string, id: number): ReadingGroup | undefined {
    const row = this.#q.groupById.get(id) as GroupRow | undefined;
    return row && row.platform === platform && row.tenant_id === tenantId ? toGroup(row) : undefined;
  }

  groupsOf(platform: Platform, tenantId: string): readonly ReadingGroup[] {
    return (this.#q.groupsOf.all(platform, tenantId) as GroupRow[]).map(toGroup);
  }

  activeGroups(): readonly ReadingGroup[] {
    return (this.#q.activeGroups.all() as GroupRow[]).map(toGroup);
  }

  setStatus(groupId: number, status: GroupStatus): void {
    this.#q.setStatus.run(status, groupId);
  }

  sessions(groupId: number): readonly Session[] {
    return (this.#q.sessions.all(groupId) as SessionRow[]).map(toSession);
  }

  session(groupId: number, number: number): Session | undefined {
    const row = this.#q.session.get(groupId, number) as SessionRow | undefined;
    return row ? toSession(row) : undefined;
  }

  moveSessions(groupId: number, moves: readonly SessionMove[]): void {
    this.#db
      .transaction(() => {
        for (const move of moves)
          this.#q.moveSession.run(move.localDate, move.startsAt.toISOString(), groupId, move.number);
      })
      .immediate();
  }

  openSession(
    groupId: number,
    number: number,
    opened: { facilitatorId: string | null; questionIds: readonly string[] },
  ): boolean {
    return (
      this.#q.openSession.run(opened.facilitatorId, JSON.stringify(opened.questionIds), groupId, number).changes > 0
    );
  }

  setFacilitator(groupId: number, number: number, userId: string | null): void {
    this.#q.setFacilitator.run(userId, groupId, number);
  }

  setQuestions(groupId: number, number: number, questionIds: readonly string[]): void {
    this.#q.setQuestions.run(JSON.stringify(questionIds), groupId, number);
  }

  markCovered(groupId: number, number: number): void {
    this.#q.markCovered.run(groupId, number);
  }

  setEventId(groupId: number, number: number, eventId: string | null): void {
    this.#q.setEventId.run(eventId, groupId, number);
  }

  members(groupId: number): readonly Member[] {
    return (this.#q.members.all(groupId) as MemberRow[]).map(toMember);
  }

  addMember(groupId: number, userId: string, at: Date): boolean {
    return this.#q.addMember.run(groupId, userId, at.toISOString()).changes > 0;
  }

  removeMember(groupId: number, userId: string): boolean {
    return this.#q.removeMember.run(groupId, userId).changes > 0;
  }

  setReminderRoute(groupId: number, userId: string, route: ReminderRoute): void {
    this.#q.setRemind.run(route, groupId, userId);
  }

  volunteer(groupId: number, userId: string, at: Date): void {
    this.#q.volunteer.run(at.toISOString(), groupId, userId);
  }

  organisers(groupId: number): readonly string[] {
    return (this.#q.organisers.all(groupId) as { user_id: string }[]).map((r) => r.user_id);
  }

  addOrganiser(groupId: number, userId: string): boolean {
    return this.#q.insertOrganiser.run(groupId, userId).changes > 0;
  }

  removeOrganiser(groupId: number, userId: string): boolean {
    return this.#q.removeOrganiser.run(groupId, userId).changes > 0;
  }

  setRsvp(groupId: number, number: number, userId: string, answer: RsvpAnswer | null): void {
    if (answer === null) this.#q.deleteRsvp.run(groupId, number, userId);
    else this.#q.upsertRsvp.run(groupId, number, userId, answer);
  }

  rsvps(groupId: number, number: number): readonly Rsvp[] {
    return (this.#q.rsvps.all(groupId, number) as { user_id: string; answer: RsvpAnswer }[]).map((r) => ({
      userId: r.user_id,
      answer: r.answer,
    }));
  }

  addNote(groupId: number, number: number, authorId: string, text: string, at: Date): Note {
    const { lastInsertRowid } = this.#q.insertNote.run(groupId, number, authorId, text, at.toISOString());
    return toNote(this.#q.noteById.get(Number(lastInsertRowid)) as NoteRow);
  }

  notes(groupId: number, number?: number): readonly Note[] {
    const rows = number === undefined ? this.#q.allNotes.all(groupId) : this.#q.sessionNotes.all(groupId, number);
    return (rows as NoteRow[]).map(toNote);
  }

  deleteNote(groupId: number, noteId: number, authorId: string): boolean {
    return this.#q.deleteNote.run(noteId, groupId, authorId).changes > 0;
  }

  activeGroupsWithSessionBy(at: Date): readonly ReadingGroup[] {
    return (this.#q.activeGroupsWithSessionBy.all(at.toISOString()) as GroupRow[]).map(toGroup);
  }
}
