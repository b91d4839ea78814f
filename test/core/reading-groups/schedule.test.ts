import { describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../helpers/reading-groups.js';

async function times(world: World, groupId = 1): Promise<[number, string, string][]> {
  return (await world.store.sessions(groupId)).map((s) => [s.number, s.localDate, s.startsAt.toISOString()]);
}

describe('session times, skip and postpone across daylight-saving changes', () => {
  it('skip moves the next session one slot and the rest follow, keeping 17:00 Berlin across the spring change', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:RG syllabus:2.1,2.2,2.3 day=thu time=17:00 tz=Europe/Berlin start=2027-03-18',
      world.ctx('U1'),
    );
    expect(await times(world)).toEqual([
      [1, '2027-03-18', '2027-03-18T16:00:00.000Z'],
      [2, '2027-03-25', '2027-03-25T16:00:00.000Z'],
      [3, '2027-04-01', '2027-04-01T15:00:00.000Z'],
    ]);
    const reply = await world.dispatcher.runText('readinggroup', 'skip', world.ctx('U1'));
    expect(reply.visibility).toBe('channel');
    expect(reply.summary).toBe('"RG" skips a week: session 1 moves one slot later.');
    expect(await times(world)).toEqual([
      [1, '2027-03-25', '2027-03-25T16:00:00.000Z'],
      [2, '2027-04-01', '2027-04-01T15:00:00.000Z'],
      [3, '2027-04-08', '2027-04-08T15:00:00.000Z'],
    ]);
    await world.dispatcher.runText('readinggroup', 'postpone 2', world.ctx('U1'));
    expect(await times(world)).toEqual([
      [1, '2027-03-27', '2027-03-27T16:00:00.000Z'],
      [2, '2027-04-03', '2027-04-03T15:00:00.000Z'],
      [3, '2027-04-10', '2027-04-10T15:00:00.000Z'],
    ]);
  });

  it('postpone across the autumn change in New York keeps 18:00 local', async () => {
    const world = await makeWorld({ now: '2027-10-20T09:00:00Z' });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:NY syllabus:4.1,4.2 day=fri time=18:00 tz=America/New_York every=2 start=2027-11-05',
      world.ctx('U1'),
    );
    expect(await times(world)).toEqual([
      [1, '2027-11-05', '2027-11-05T22:00:00.000Z'],
      [2, '2027-11-19', '2027-11-19T23:00:00.000Z'],
    ]);
    await world.dispatcher.runText('readinggroup', 'postpone 3', world.ctx('U1'));
    expect(await times(world)).toEqual([
      [1, '2027-11-08', '2027-11-08T23:00:00.000Z'],
      [2, '2027-11-22', '2027-11-22T23:00:00.000Z'],
    ]);
    await world.dispatcher.runText('readinggroup', 'skip', world.ctx('U1'));
    expect(await times(world)).toEqual([
      [1, '2027-11-22', '2027-11-22T23:00:00.000Z'],
      [2, '2027-12-06', '2027-12-06T23:00:00.000Z'],
    ]);
  });

  it('a time inside the spring gap happens at the first valid instant after it', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:Night syllabus:2.1,2.2,2.3 day=sun time=02:30 tz=Europe/Berlin start=2027-03-21',
      world.ctx('U1'),
    );
    expect(await times(world)).toEqual([
      [1, '2027-03-21', '2027-03-21T01:30:00.000Z'],
      [2, '2027-03-28', '2027-03-28T01:00:00.000Z'],
      [3, '2027-04-04', '2027-04-04T00:30:00.000Z'],
    ]);
  });

  it('without start=, the first session is the next slot after now', async () => {
    const world = await makeWorld({ now: '2027-01-07T16:30:00Z' });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:Soon syllabus:2.1,2.2 tz=Europe/Berlin',
      world.ctx('U1'),
    );
    // Thursday 17:00 Berlin (16:00Z) has just passed, so the first session is a week later.
    expect(await times(world)).toEqual([
      [1, '2027-01-14', '2027-01-14T16:00:00.000Z'],
      [2, '2027-01-21', '2027-01-21T16:00:00.000Z'],
    ]);
  });

  it('pause stops reminders and sessions; resume moves missed slots to the next free one', async () => {
    const world = await makeWorld({ now: '2027-01-04T09:00:00Z' });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:RG syllabus:2.1,2.2 day=thu time=17:00 tz=UTC start=2027-01-14',
      world.ctx('U1'),
    );
    await world.dispatcher.runText('readinggroup', 'pause', world.ctx('U1'));
    world.clock.set('2027-01-14T17:00:00Z');
    await world.sweep();
    expect(world.port.posts.map((p) => p.key)).toEqual(['rg:1:kickoff']);
    world.clock.set('2027-01-16T10:00:00Z');
    const resumed = await world.dispatcher.runText('readinggroup', 'resume', world.ctx('U1'));
    expect(resumed.summary).toBe('"RG" is back on.');
    expect(await times(world)).toEqual([
      [1, '2027-01-21', '2027-01-21T17:00:00.000Z'],
      [2, '2027-01-28', '2027-01-28T17:00:00.000Z'],
    ]);
    world.clock.set('2027-01-20T17:00:00Z');
    await world.sweep();
    expect(world.port.posts.map((p) => p.key)).toEqual(['rg:1:kickoff', 'rg:1:1:reminder:2027-01-21']);
  });
});

describe('reminders of moved sessions', () => {
  it('a session skipped after its reminder went out is reminded again before its new date, once', async () => {
    const world = await makeWorld({ now: '2027-01-04T09:00:00Z' });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:RG syllabus:2.1,2.2 day=thu time=17:00 tz=UTC start=2027-01-14',
      world.ctx('U1'),
    );
    world.clock.set('2027-01-13T18:00:00Z');
    await world.sweep();
    await world.dispatcher.runText('readinggroup', 'skip', world.ctx('U1'));
    world.clock.set('2027-01-14T17:00:00Z');
    await world.sweep();
    world.clock.set('2027-01-20T17:00:00Z');
    await world.sweep();
    await world.sweep();
    expect(world.port.posts.map((p) => p.key)).toEqual([
      'rg:1:kickoff',
      'rg:1:1:reminder:2027-01-14',
      'rg:1:1:reminder:2027-01-21',
    ]);
  });
});

describe('catch-up after downtime', () => {
  async function downFor(until: string): Promise<World> {
    const world = await makeWorld({ now: '2027-01-04T09:00:00Z', reminderHours: 24 });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:RG syllabus:2.1,2.2,2.3 day=thu time=17:00 tz=UTC start=2027-01-14',
      world.ctx('U1'),
    );
    world.clock.set(until);
    await world.sweep();
    return world;
  }

  it('opens only the current session when it is less than a day late: never a backlog', async () => {
    const world = await downFor('2027-01-21T20:00:00Z');
    expect(world.port.posts.map((p) => p.key)).toEqual(['rg:1:kickoff', 'rg:1:2:thread', 'rg:1:2:thread:thread']);
    expect((await world.store.sessions(1)).map((s) => s.status)).toEqual(['open', 'open', 'scheduled']);
    expect((await world.services.deliveries.get('rg:1:1:thread'))?.state).toBe('skipped');
  });

  it('opens nothing when the current session is a day late or more, and still sends the next reminder in time', async () => {
    const world = await downFor('2027-01-27T17:30:00Z');
    expect(world.port.posts.map((p) => p.key)).toEqual(['rg:1:kickoff', 'rg:1:3:reminder:2027-01-28']);
    expect(
      world.logger.records.filter((r) => r.message === 'session time passed while the bot was down; no thread opened'),
    ).toHaveLength(2);
  });
});
