/**
 * The persistence port for reading groups. The SQLite repository implements it
 * (`src/persistence/reading-groups-repository.ts`); the core never sees SQL.
 * Every lookup that starts from user input is scoped to one platform and tenant,
 * so nothing crosses workspaces or servers.
 */
import type { Platform } from '../../context.js';
import type {
  GroupStatus,
  Member,
  NewGroup,
  Note,
  ReadingGroup,
  ReminderRoute,
  RsvpAnswer,
  Rsvp,
  Session,
  SessionMove,
} from './model.js';

export interface ReadingGroupStore {
  /** Creates the group, its sessions and the creator as its first organiser, in one transaction. */
  createGroup(group: NewGroup): Promise<ReadingGroup>;
  group(platform: Platform, tenantId: string, id: number): Promise<ReadingGroup | undefined>;
  /** Groups of one tenant that are not archived, oldest first. */
  groupsOf(platform: Platform, tenantId: string): Promise<readonly ReadingGroup[]>;
  /** Every active group of every tenant: the scheduler's view. */
  activeGroups(): Promise<readonly ReadingGroup[]>;
  setStatus(groupId: number, status: GroupStatus): Promise<void>;

  sessions(groupId: number): Promise<readonly Session[]>;
  session(groupId: number, number: number): Promise<Session | undefined>;
  /** Moves several sessions at once (skip, postpone, resume), in one transaction. */
  moveSessions(groupId: number, moves: readonly SessionMove[]): Promise<void>;
  /** The session is being held: `open`, with its facilitator and first questions. False if it was not `scheduled`. */
  openSession(
    groupId: number,
    number: number,
    opened: { facilitatorId: string | null; questionIds: readonly string[] },
  ): Promise<boolean>;
  setFacilitator(groupId: number, number: number, userId: string | null): Promise<void>;
  setQuestions(groupId: number, number: number, questionIds: readonly string[]): Promise<void>;
  markCovered(groupId: number, number: number): Promise<void>;
  setEventId(groupId: number, number: number, eventId: string | null): Promise<void>;

  members(groupId: number): Promise<readonly Member[]>;
  /** False if already a member. */
  addMember(groupId: number, userId: string, at: Date): Promise<boolean>;
  /** False if not a member. Also withdraws a facilitation offer. */
  removeMember(groupId: number, userId: string): Promise<boolean>;
  setReminderRoute(groupId: number, userId: string, route: ReminderRoute): Promise<void>;
  /** Marks a member as a volunteer facilitator (keeps the first date if already one). */
  volunteer(groupId: number, userId: string, at: Date): Promise<void>;

  organisers(groupId: number): Promise<readonly string[]>;
  addOrganiser(groupId: number, userId: string): Promise<boolean>;
  removeOrganiser(groupId: number, userId: string): Promise<boolean>;

  /** Sets or (with null) withdraws a user's answer for one session. */
  setRsvp(groupId: number, number: number, userId: string, answer: RsvpAnswer | null): Promise<void>;
  rsvps(groupId: number, number: number): Promise<readonly Rsvp[]>;

  addNote(groupId: number, number: number, authorId: string, text: string, at: Date): Promise<Note>;
  /** Notes of one session, or of all sessions when `number` is omitted, in session then time order. */
  notes(groupId: number, number?: number): Promise<readonly Note[]>;
  /** Deletes a note if `authorId` wrote it; false otherwise (unknown id or someone else's). */
  deleteNote(groupId: number, noteId: number, authorId: string): Promise<boolean>;
  /**
   * Active groups with a scheduled session starting at or before `at`: the only ones a sweep can have anything
   * to plan for (a session due, or one whose reminder is due), found through the sessions' due index instead of
   * reading every group's sessions every minute.
   */
  activeGroupsWithSessionBy(at: Date): Promise<readonly ReadingGroup[]>;
}
