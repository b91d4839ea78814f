/**
 * Reading groups and their calendars on every backend: a group with its sessions in one transaction, people
 * and answers in the order they came, session revisions raised by the database itself, feed tokens kept only
 * as hashes, and RSVP counts that two processes answering at once both reach.
 */
import { expect, it } from 'vitest';
import type { NewGroup } from '../../../src/core/features/reading-groups/model.js';
import { describeEachBackend, freshStorage } from './backends.js';

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
const day = (d: number) => new Date(Date.UTC(2027, 0, d));

describeEachBackend('reading groups', (backend) => {
  const storage = freshStorage(backend, { shared: true });
  const store = () => storage().backend.stores.readingGroups;

  it('creates a group with its sessions and its creator as organiser, scoped to its tenant', async () => {
    const group = await store().createGroup(base);
    expect(group).toMatchObject({ name: 'Safety RG', status: 'active', eventsOn: false });
    expect(group.schedule).toEqual({ weekday: 4, localTime: '17:00', timeZone: 'Europe/Berlin', everyWeeks: 1 });
    expect(await store().organisers(group.id)).toEqual(['U1']);
    const sessions = await store().sessions(group.id);
    expect(sessions.map((s) => [s.number, s.unitId, s.localDate, s.startsAt.toISOString(), s.status])).toEqual([
      [1, '3.4', '2027-01-14', '2027-01-14T16:00:00.000Z', 'scheduled'],
      [2, '3.5', '2027-01-21', '2027-01-21T16:00:00.000Z', 'scheduled'],
    ]);
    expect(await store().group('slack', 'T2', group.id)).toBeUndefined();
    expect(await store().group('discord', 'T1', group.id)).toBeUndefined();
    expect((await store().group('slack', 'T1', group.id))?.id).toBe(group.id);
    await store().setStatus(group.id, 'paused');
    expect((await store().groupsOf('slack', 'T1')).map((g) => g.status)).toEqual(['paused']);
    expect(await store().activeGroups()).toEqual([]);
  });

  it('finds the active groups with a scheduled session by a given instant, and no others', async () => {
    const early = await store().createGroup(base);
    const late = await store().createGroup({
      ...base,
      name: 'Later RG',
      sessions: [{ unitId: '3.4', localDate: '2027-02-04', startsAt: new Date('2027-02-04T16:00:00Z') }],
    });
    const paused = await store().createGroup({ ...base, name: 'Paused RG' });
    await store().setStatus(paused.id, 'paused');
    const ids = async (at: string) => (await store().activeGroupsWithSessionBy(new Date(at))).map((g) => g.id);
    expect(await ids('2027-01-14T15:59:59Z')).toEqual([]);
    expect(await ids('2027-01-14T16:00:00Z')).toEqual([early.id]);
    expect(await ids('2027-02-04T16:00:00Z')).toEqual([early.id, late.id]);
    // An opened session no longer counts; the group's next scheduled one does.
    await store().openSession(early.id, 1, { facilitatorId: null, questionIds: [] });
    expect(await ids('2027-01-20T00:00:00Z')).toEqual([]);
    expect(await ids('2027-01-21T16:00:00Z')).toEqual([early.id]);
  });

  it('refuses a second live group with the same name and rolls a failed group back whole', async () => {
    await store().createGroup(base);
    await expect(store().createGroup({ ...base, name: 'safety  rg' })).rejects.toThrow();
    const broken = { ...base, name: 'Other', sessions: [{ unitId: '3.4', localDate: 'x', startsAt: new Date('x') }] };
    await expect(store().createGroup(broken)).rejects.toThrow();
    expect((await store().groupsOf('slack', 'T1')).map((g) => g.name)).toEqual(['Safety RG']);
  });

  it('keeps members, organisers and RSVPs in the order they came', async () => {
    const { id } = await store().createGroup(base);
    expect(await store().addMember(id, 'U3', day(2))).toBe(true);
    expect(await store().addMember(id, 'U2', day(3))).toBe(true);
    expect(await store().addMember(id, 'U2', day(4))).toBe(false);
    await store().volunteer(id, 'U2', day(5));
    await store().volunteer(id, 'U2', day(6));
    await store().setReminderRoute(id, 'U2', 'dm');
    expect(await store().members(id)).toEqual([
      { userId: 'U3', joinedAt: day(2), remind: 'channel', volunteeredAt: null },
      { userId: 'U2', joinedAt: day(3), remind: 'dm', volunteeredAt: day(5) },
    ]);
    expect(await store().addOrganiser(id, 'U9')).toBe(true);
    expect(await store().addOrganiser(id, 'U4')).toBe(true);
    expect(await store().addOrganiser(id, 'U9')).toBe(false);
    expect(await store().organisers(id)).toEqual(['U1', 'U9', 'U4']);
    expect(await store().removeOrganiser(id, 'U9')).toBe(true);
    await store().setRsvp(id, 1, 'U3', 'going');
    await store().setRsvp(id, 1, 'U2', 'going');
    await store().setRsvp(id, 1, 'U3', 'not-going');
    await store().setRsvp(id, 1, 'U4', 'going');
    await store().setRsvp(id, 1, 'U4', null);
    expect(await store().rsvps(id, 1)).toEqual([
      { userId: 'U3', answer: 'not-going' },
      { userId: 'U2', answer: 'going' },
    ]);
    expect(await store().removeMember(id, 'U2')).toBe(true);
    expect(await store().removeMember(id, 'U2')).toBe(false);
  });

  it('counts every RSVP when two processes answer at once', async () => {
    const { id } = await store().createGroup(base);
    const other = (await storage().peer()).stores.readingGroups;
    const users = Array.from({ length: 20 }, (_, i) => `U${i + 10}`);
    await Promise.all(users.map((user, i) => (i % 2 === 0 ? store() : other).setRsvp(id, 2, user, 'going')));
    expect((await other.rsvps(id, 2)).map((r) => r.userId).sort()).toEqual([...users].sort());
  });

  it('moves sessions together, opens a session once, and keeps notes per author', async () => {
    const { id } = await store().createGroup(base);
    await store().moveSessions(id, [
      { number: 1, localDate: '2027-01-21', startsAt: new Date('2027-01-21T16:00:00Z') },
      { number: 2, localDate: '2027-01-28', startsAt: new Date('2027-01-28T16:00:00Z') },
    ]);
    expect(await store().openSession(id, 1, { facilitatorId: 'U7', questionIds: ['3.4-q1'] })).toBe(true);
    expect(await store().openSession(id, 1, { facilitatorId: 'U8', questionIds: [] })).toBe(false);
    await store().setQuestions(id, 1, ['3.4-q1', '3.4.1-p1']);
    await store().setEventId(id, 1, 'E1');
    await store().setFacilitator(id, 2, 'U5');
    await store().markCovered(id, 1);
    expect(await store().session(id, 1)).toMatchObject({
      localDate: '2027-01-21',
      status: 'covered',
      facilitatorId: 'U7',
      eventId: 'E1',
      questionIds: ['3.4-q1', '3.4.1-p1'],
    });
    expect((await store().session(id, 2))?.facilitatorId).toBe('U5');
    expect(await store().session(id, 3)).toBeUndefined();
    const note = await store().addNote(id, 2, 'U2', 'RLHF is *not* enough', new Date('2027-01-28T17:00:00Z'));
    await store().addNote(id, 1, 'U3', 'first', new Date('2027-01-21T17:00:00Z'));
    expect((await store().notes(id)).map((n) => n.text)).toEqual(['first', 'RLHF is *not* enough']);
    expect(note).toMatchObject({ groupId: id, sessionNumber: 2, authorId: 'U2' });
    expect(await store().deleteNote(id, note.id, 'U3')).toBe(false);
    expect(await store().deleteNote(id, note.id, 'U2')).toBe(true);
    expect(await store().notes(id, 2)).toEqual([]);
  });

  it('raises a session’s calendar revision when it moves or its group’s status changes, and only then', async () => {
    const { id } = await store().createGroup(base);
    const calendars = storage().backend.stores.calendars;
    expect(await calendars.sequences(id)).toEqual(new Map());
    await store().moveSessions(id, [
      { number: 2, localDate: '2027-01-28', startsAt: new Date('2027-01-28T16:00:00Z') },
    ]);
    await store().moveSessions(id, [
      { number: 2, localDate: '2027-01-28', startsAt: new Date('2027-01-28T16:00:00Z') },
    ]);
    expect(await calendars.sequences(id)).toEqual(new Map([[2, 1]]));
    await store().markCovered(id, 1);
    await store().setStatus(id, 'paused');
    await store().setStatus(id, 'paused');
    expect(await calendars.sequences(id)).toEqual(new Map([[2, 2]]));
  });

  it('keeps feed tokens only as hashes: a reset replaces the old one', async () => {
    const { id } = await store().createGroup(base);
    const calendars = storage().backend.stores.calendars;
    expect(await calendars.hasFeed(id)).toBe(false);
    const old = await calendars.issueFeedToken(id, 'U1', day(2));
    expect(old).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    const fresh = await calendars.issueFeedToken(id, 'U1', day(3));
    expect(await calendars.feedOwner(old)).toBeUndefined();
    expect(await calendars.feedOwner(fresh)).toEqual({ groupId: id, platform: 'slack', tenantId: 'T1' });
    expect(await calendars.feedOwner("' OR 1=1 --")).toBeUndefined();
    expect(await calendars.hasFeed(id)).toBe(true);
  });
});
