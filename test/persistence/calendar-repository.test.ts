/**
 * The calendar store on real SQLite with the real migrations: tokens are 32 random bytes
 * in base64url and only their SHA-256 is stored; SEQUENCE is raised by migration 006's
 * triggers when a session moves or its group's status changes, and only then.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/persistence/db.js';
import { SqliteCalendarStore } from '../../src/persistence/calendar-repository.js';
import { SqliteReadingGroupStore } from '../../src/persistence/reading-groups-repository.js';

function setUp() {
  const db = openDatabase(':memory:');
  const groups = new SqliteReadingGroupStore(db);
  const calendars = new SqliteCalendarStore(db);
  const group = groups.createGroup({
    platform: 'slack',
    tenantId: 'T1',
    channelId: 'C1',
    name: 'Safety RG',
    unit: 'challenge',
    syllabusSpec: '2.1,3.4',
    schedule: { weekday: 4, localTime: '17:00', timeZone: 'UTC', everyWeeks: 1 },
    createdBy: 'U1',
    createdAt: new Date('2027-03-01T09:00:00Z'),
    eventsOn: false,
    sessions: [
      { unitId: '2.1', localDate: '2027-03-18', startsAt: new Date('2027-03-18T17:00:00Z') },
      { unitId: '3.4', localDate: '2027-03-25', startsAt: new Date('2027-03-25T17:00:00Z') },
    ],
  });
  return { db, groups, calendars, group };
}

describe('calendar feed tokens', () => {
  it('are 43 characters of base64url (32 bytes), stored only as their SHA-256', () => {
    const { db, calendars, group } = setUp();
    const token = calendars.issueFeedToken(group.id, 'U1', new Date('2027-03-01T10:00:00Z'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = db.prepare('SELECT * FROM reading_group_calendar_feeds').all();
    expect(rows).toEqual([
      {
        group_id: group.id,
        token_sha256: createHash('sha256').update(token).digest('hex'),
        created_by: 'U1',
        created_at: '2027-03-01T10:00:00.000Z',
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(calendars.feedOwner(token)).toEqual({ groupId: group.id, platform: 'slack', tenantId: 'T1' });
  });

  it('are replaced by a reset: the old token opens nothing', () => {
    const { calendars, group } = setUp();
    const old = calendars.issueFeedToken(group.id, 'U1', new Date('2027-03-01T10:00:00Z'));
    const fresh = calendars.issueFeedToken(group.id, 'U1', new Date('2027-03-02T10:00:00Z'));
    expect(fresh).not.toBe(old);
    expect(calendars.feedOwner(old)).toBeUndefined();
    expect(calendars.feedOwner(fresh)?.groupId).toBe(group.id);
    expect(calendars.hasFeed(group.id)).toBe(true);
  });

  it('open nothing when malformed or unknown', () => {
    const { calendars } = setUp();
    expect(calendars.feedOwner('')).toBeUndefined();
    expect(calendars.feedOwner('short')).toBeUndefined();
    expect(calendars.feedOwner(`${'A'.repeat(42)}=`)).toBeUndefined();
    expect(calendars.feedOwner('A'.repeat(43))).toBeUndefined();
  });
});

describe('session revisions (SEQUENCE)', () => {
  it('start at 0 and rise by one each time a session moves', () => {
    const { groups, calendars, group } = setUp();
    expect([...calendars.sequences(group.id)]).toEqual([]);
    groups.moveSessions(group.id, [{ number: 2, localDate: '2027-04-01', startsAt: new Date('2027-04-01T17:00:00Z') }]);
    expect([...calendars.sequences(group.id)]).toEqual([[2, 1]]);
    groups.moveSessions(group.id, [
      { number: 1, localDate: '2027-03-19', startsAt: new Date('2027-03-19T17:00:00Z') },
      { number: 2, localDate: '2027-04-02', startsAt: new Date('2027-04-02T17:00:00Z') },
    ]);
    expect(new Map(calendars.sequences(group.id))).toEqual(
      new Map([
        [1, 1],
        [2, 2],
      ]),
    );
  });

  it('do not rise for a write that leaves the time as it was, or for other changes to a session', () => {
    const { groups, calendars, group } = setUp();
    groups.moveSessions(group.id, [{ number: 1, localDate: '2027-03-18', startsAt: new Date('2027-03-18T17:00:00Z') }]);
    groups.setFacilitator(group.id, 1, 'U2');
    groups.openSession(group.id, 1, { facilitatorId: 'U2', questionIds: [] });
    expect([...calendars.sequences(group.id)]).toEqual([]);
  });

  it('rise for the sessions not yet held when the group is paused, resumed or archived', () => {
    const { groups, calendars, group } = setUp();
    groups.openSession(group.id, 1, { facilitatorId: null, questionIds: [] });
    groups.setStatus(group.id, 'paused');
    groups.setStatus(group.id, 'paused');
    expect([...calendars.sequences(group.id)]).toEqual([[2, 1]]);
    groups.setStatus(group.id, 'active');
    groups.setStatus(group.id, 'archived');
    expect([...calendars.sequences(group.id)]).toEqual([[2, 3]]);
  });
});
