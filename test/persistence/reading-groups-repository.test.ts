import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import { SqliteReadingGroupStore } from '../../src/persistence/reading-groups-repository.js';
import type { NewGroup } from '../../src/core/features/reading-groups/model.js';

const base: NewGroup = {
  platform: 'slack',
  tenantId: 'T1',
  channelId: 'C1',
  name: 'Safety RG',
  unit: 'challenge',
  syllabusSpec: '3.4,3.5',
  schedule: { weekday: 4, localTime: '17:00', timeZone: 'Europe/Berlin', everyWeeks: 1 },
  createdBy: 'U1',
  createdAt: new Date('2027-01-01T10:00:00Z'),
  eventsOn: false,
  sessions: [
    { unitId: '3.4', localDate: '2027-01-14', startsAt: new Date('2027-01-14T16:00:00Z') },
    { unitId: '3.5', localDate: '2027-01-21', startsAt: new Date('2027-01-21T16:00:00Z') },
  ],
};

describe('SqliteReadingGroupStore', () => {
  let db: Db;
  let store: SqliteReadingGroupStore;
  beforeEach(() => {
    db = openDatabase(':memory:');
    store = new SqliteReadingGroupStore(db);
  });

  it('creates a group with its sessions and the creator as organiser', () => {
    const group = store.createGroup(base);
    expect(group.name).toBe('Safety RG');
    expect(group.status).toBe('active');
    expect(group.schedule).toEqual({ weekday: 4, localTime: '17:00', timeZone: 'Europe/Berlin', everyWeeks: 1 });
    expect(store.organisers(group.id)).toEqual(['U1']);
    const sessions = store.sessions(group.id);
    expect(sessions.map((s) => [s.number, s.unitId, s.localDate, s.startsAt.toISOString(), s.status])).toEqual([
      [1, '3.4', '2027-01-14', '2027-01-14T16:00:00.000Z', 'scheduled'],
      [2, '3.5', '2027-01-21', '2027-01-21T16:00:00.000Z', 'scheduled'],
    ]);
  });

  it('keeps tenants apart and refuses a second live group with the same name', () => {
    const group = store.createGroup(base);
    expect(store.group('slack', 'T2', group.id)).toBeUndefined();
    expect(store.group('discord', 'T1', group.id)).toBeUndefined();
    expect(store.groupsOf('slack', 'T2')).toEqual([]);
    expect(() => store.createGroup({ ...base, name: 'safety  rg' })).toThrow(/UNIQUE/);
    store.setStatus(group.id, 'archived');
    expect(store.createGroup({ ...base }).id).not.toBe(group.id);
  });

  it('rolls back the whole group when a session cannot be written', () => {
    const broken = { ...base, sessions: [{ unitId: '3.4', localDate: '2027-01-14', startsAt: new Date('x') }] };
    expect(() => store.createGroup(broken)).toThrow();
    expect(store.groupsOf('slack', 'T1')).toEqual([]);
  });

  it('records membership, volunteers, reminders, RSVPs and notes', () => {
    const { id } = store.createGroup(base);
    expect(store.addMember(id, 'U2', new Date('2027-01-02T00:00:00Z'))).toBe(true);
    expect(store.addMember(id, 'U2', new Date('2027-01-03T00:00:00Z'))).toBe(false);
    store.volunteer(id, 'U2', new Date('2027-01-04T00:00:00Z'));
    store.volunteer(id, 'U2', new Date('2027-01-05T00:00:00Z'));
    store.setReminderRoute(id, 'U2', 'dm');
    expect(store.members(id)).toEqual([
      {
        userId: 'U2',
        joinedAt: new Date('2027-01-02T00:00:00Z'),
        remind: 'dm',
        volunteeredAt: new Date('2027-01-04T00:00:00Z'),
      },
    ]);
    store.setRsvp(id, 1, 'U2', 'going');
    store.setRsvp(id, 1, 'U3', 'going');
    store.setRsvp(id, 1, 'U2', 'not-going');
    store.setRsvp(id, 1, 'U3', null);
    expect(store.rsvps(id, 1)).toEqual([{ userId: 'U2', answer: 'not-going' }]);
    const note = store.addNote(id, 2, 'U2', 'RLHF is *not* enough', new Date('2027-01-21T17:00:00Z'));
    store.addNote(id, 1, 'U3', 'first', new Date('2027-01-14T17:00:00Z'));
    expect(store.notes(id).map((n) => n.text)).toEqual(['first', 'RLHF is *not* enough']);
    expect(store.deleteNote(id, note.id, 'U3')).toBe(false);
    expect(store.deleteNote(id, note.id, 'U2')).toBe(true);
    expect(store.notes(id, 2)).toEqual([]);
    expect(store.removeMember(id, 'U2')).toBe(true);
    expect(store.removeMember(id, 'U2')).toBe(false);
  });

  it('moves sessions together and opens a session only once', () => {
    const { id } = store.createGroup(base);
    store.moveSessions(id, [
      { number: 1, localDate: '2027-01-21', startsAt: new Date('2027-01-21T16:00:00Z') },
      { number: 2, localDate: '2027-01-28', startsAt: new Date('2027-01-28T16:00:00Z') },
    ]);
    expect(store.openSession(id, 1, { facilitatorId: 'U7', questionIds: ['3.4-q1'] })).toBe(true);
    expect(store.openSession(id, 1, { facilitatorId: 'U8', questionIds: [] })).toBe(false);
    store.setQuestions(id, 1, ['3.4-q1', '3.4.1-p1']);
    store.markCovered(id, 1);
    const first = store.session(id, 1);
    expect(first).toMatchObject({
      localDate: '2027-01-21',
      status: 'covered',
      facilitatorId: 'U7',
      questionIds: ['3.4-q1', '3.4.1-p1'],
    });
    expect(store.session(id, 2)?.startsAt.toISOString()).toBe('2027-01-28T16:00:00.000Z');
  });
});
