/**
 * Reading groups: a group meets every week or two in one channel and works through
 * a syllabus of agenda units (challenges, or subsections for deep groups), one unit
 * per session, discussing each in a thread the bot opens. These are the core's shapes;
 * the store behind `ReadingGroupStore` is SQLite (`src/persistence`), never seen here.
 * Posted message ids are not kept here: the shared delivery ledger holds them
 * (keys in `keys.ts`), so there is one record of what was posted.
 */
import type { Platform } from '../../context.js';

export type SyllabusUnit = 'challenge' | 'subsection';
export type GroupStatus = 'active' | 'paused' | 'archived';
/** `scheduled`: not yet held; `open`: its thread is open; `covered`: an organiser marked it done. */
export type SessionStatus = 'scheduled' | 'open' | 'covered';
export type RsvpAnswer = 'going' | 'not-going';
/** How a member wants the reminder: a mention in the group's channel, or a direct message. */
export type ReminderRoute = 'channel' | 'dm';

/** When a group meets, in its own time zone. Local dates are `YYYY-MM-DD`, times `HH:MM`. */
export interface GroupSchedule {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly localTime: string;
  readonly timeZone: string;
  /** Weeks between sessions: 1 or 2. */
  readonly everyWeeks: number;
}

export interface ReadingGroup {
  readonly id: number;
  readonly platform: Platform;
  readonly tenantId: string;
  readonly channelId: string;
  readonly name: string;
  readonly unit: SyllabusUnit;
  /** The syllabus as the organiser wrote it (`all`, a category, or a list), for display. */
  readonly syllabusSpec: string;
  readonly schedule: GroupSchedule;
  readonly status: GroupStatus;
  readonly createdBy: string;
  readonly createdAt: Date;
  /** Also mirror sessions as platform scheduled events (Discord `events:on`). */
  readonly eventsOn: boolean;
}

export interface Session {
  readonly groupId: number;
  /** 1-based position in the syllabus. */
  readonly number: number;
  /** A challenge id (`3.5`) or a subsection (`3.5.2`), per the group's unit. */
  readonly unitId: string;
  /** The local date of the session in the group's zone; with the group's time it fixes `startsAt`. */
  readonly localDate: string;
  readonly startsAt: Date;
  readonly status: SessionStatus;
  readonly facilitatorId: string | null;
  /** The platform scheduled event mirroring this session, when events are on. */
  readonly eventId: string | null;
  /** Question ids already shown for this session, in order (for "Another question"). */
  readonly questionIds: readonly string[];
}

export interface Member {
  readonly userId: string;
  readonly joinedAt: Date;
  readonly remind: ReminderRoute;
  /** When the member volunteered to facilitate; null if they have not. Rotation follows this order. */
  readonly volunteeredAt: Date | null;
}

export interface Rsvp {
  readonly userId: string;
  readonly answer: RsvpAnswer;
}

export interface Note {
  readonly id: number;
  readonly groupId: number;
  readonly sessionNumber: number;
  readonly authorId: string;
  readonly text: string;
  readonly createdAt: Date;
}

/** What creating a group needs; sessions are laid out by the caller (see `schedule.ts`). */
export interface NewGroup extends Omit<ReadingGroup, 'id' | 'status'> {
  readonly sessions: readonly { readonly unitId: string; readonly localDate: string; readonly startsAt: Date }[];
}

/** A change to a session's place in time (skip, postpone, resume). */
export interface SessionMove {
  readonly number: number;
  readonly localDate: string;
  readonly startsAt: Date;
}
