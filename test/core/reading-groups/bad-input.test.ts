import { describe, expect, it } from 'vitest';
import { makeWorld } from '../../helpers/reading-groups.js';

const NOW = '2027-01-04T09:00:00Z';

describe('bad input gets a specific reply', () => {
  const createCases: [string, string][] = [
    ['create syllabus:all', '`/readinggroup create` needs `name` (the group name, in quotes if it has spaces).'],
    [
      `create name:"${'x'.repeat(81)}"`,
      'name: a group name must be 1 to 80 characters on one line, e.g. name:"Safety RG".',
    ],
    ['create name:42', 'name:42 looks like a group number; choose a name with letters, e.g. name:"Safety RG".'],
    [
      'create name:RG syllabus:9.9',
      'syllabus: 9.9 is not a challenge of the agenda. Challenges run from 2.1 to 4.5; write a list such as 3.4,3.5,2.5.',
    ],
    [
      'create name:RG syllabus:3.4.99 unit:subsection',
      'syllabus: 3.4.99 is not a subsection of the agenda. Challenges run from 2.1 to 4.5; write a list such as 3.4,3.5,2.5.',
    ],
    [
      'create name:RG syllabus:3.4.2',
      'syllabus: 3.4.2 is a subsection; add unit:subsection to study subsections, or list its challenge 3.4.',
    ],
    ['create name:RG syllabus:3.4,3.5,3.4', 'syllabus: 3.4 appears twice; list each challenge or subsection once.'],
    [
      'create name:RG syllabus:7',
      'syllabus: 7 is not a challenge of the agenda. Challenges run from 2.1 to 4.5; write a list such as 3.4,3.5,2.5.',
    ],
    [
      'create name:RG unit:paragraph',
      'unit:paragraph is not a unit: use unit:challenge (one challenge per session) or unit:subsection (one subsection per session).',
    ],
    ['create name:RG day=funday', 'day=funday is not a day of the week (use mon, tue, wed, thu, fri, sat or sun).'],
    ['create name:RG time=25:00', 'time=25:00 is not a time of day (use HH:MM, 24-hour, e.g. 09:00 or 17:30).'],
    ['create name:RG tz=Europe/Berln', 'tz=Europe/Berln is not a time zone; did you mean Europe/Berlin?'],
    ['create name:RG every=3', '`every=3` is not accepted by `/readinggroup create`: use a whole number from 1 to 2.'],
    ['create name:RG start=2027-02-30', 'start=2027-02-30 is not a date (use YYYY-MM-DD, e.g. 2027-01-14).'],
    [
      'create name:RG start=2026-12-03',
      'start=2026-12-03 at 17:00 has already passed in UTC (today is 2027-01-04); choose a later date.',
    ],
    [
      'create name:RG start=2027-01-15 day=thu',
      'start=2027-01-15 is a Friday, but day=thu asks for Thursdays; leave out day= or choose a Thursday.',
    ],
    [
      'create name:RG events:on',
      'events:on makes each session a Discord scheduled event; this platform has no scheduled events. Leave out events:.',
    ],
    ['create name:RG events:maybe', 'events:maybe is not accepted: use events:on or events:off.'],
    ['create name:RG colour=blue', '`colour` is not an option of `/readinggroup create`.'],
  ];

  it.each(createCases)('%s', async (text, expected) => {
    const world = await makeWorld({ now: NOW });
    const reply = await world.dispatcher.runText('readinggroup', text, world.ctx('U1'));
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.summary.startsWith(expected)).toBe(true);
    expect(await world.store.groupsOf('slack', 'T1')).toEqual([]);
    expect(world.port.posts).toEqual([]);
  });

  it('refuses a name already used here, and a group made in a direct message', async () => {
    const world = await makeWorld({ now: NOW });
    await world.dispatcher.runText('readinggroup', 'create name:"Safety RG"', world.ctx('U1'));
    expect((await world.dispatcher.runText('readinggroup', 'create name:"safety rg"', world.ctx('U2'))).summary).toBe(
      'There is already a reading group called "Safety RG" here; choose another name.',
    );
    const dm = { ...world.ctx('U2', { channelId: 'D1' }), isDirect: true };
    expect((await world.dispatcher.runText('readinggroup', 'create name:Other', dm)).summary).toBe(
      'Create a reading group in a channel, not in a direct message: its reminders and threads go there.',
    );
  });

  it('answers the other commands specifically', async () => {
    const world = await makeWorld({ now: NOW });
    const say = async (text: string, user = 'U1', channelId = 'C1') =>
      (await world.dispatcher.runText('readinggroup', text, world.ctx(user, { channelId }))).summary;
    expect(await say('status')).toBe(
      'There is no reading group in this channel. Start one with `/readinggroup create name:"Safety RG"`.',
    );
    await say('create name:"Safety RG" syllabus:2.1,2.2');
    await say('create name:Second syllabus:2.1');
    expect(await say('status')).toBe('This channel has 2 reading groups: name one ("Safety RG", "Second").');
    expect(await say('join Nope')).toBe(
      'There is no reading group called "Nope" here. Groups here: "Safety RG" (1), "Second" (2).',
    );
    expect(await say('postpone 0 Second')).toBe(
      '`days=0` is not accepted by `/readinggroup postpone`: use a whole number from 1 to 60.',
    );
    expect(await say('postpone soon Second')).toBe(
      '`days=soon` is not accepted by `/readinggroup postpone`: use a whole number from 1 to 60.',
    );
    expect(await say('remind sometimes Second')).toBe(
      'remind sometimes is not accepted: use `/readinggroup remind dm` or `/readinggroup remind channel`.',
    );
    expect(await say('remind dm Second', 'U5')).toBe(
      'You are not in "Second"; join it first with `/readinggroup join`.',
    );
    expect(await say('notes 9 Second')).toBe(
      '"Second" has no session 9: its sessions are numbered 1 to 1. Use `/readinggroup notes all` for every note.',
    );
    expect(await say('notes Second')).toBe(
      '"Second" has not held a session yet, so there are no notes. Notes are added with the Add note button in a session\'s thread.',
    );
    expect(await say('leave Second', 'U5')).toBe('You are not in "Second", so there is nothing to leave.');
    expect(await say('skp')).toMatch(/^`skp` is not a `\/readinggroup` command\. Did you mean `skip`\?/);
    // A bare word is never taken for a person: only a mention (a reference from the adapter) is.
    expect(await say('organisers add nobody! Second')).toBe(
      '`/readinggroup organisers add` needs a @user (the person). Usage: `/readinggroup organisers add @user [<group>]`, ' +
        'for example `/readinggroup organisers add @ana`.',
    );
    // Typed options (Discord) are checked too.
    const typed = await world.dispatcher.run('readinggroup', 'postpone', { days: 0, group: 'Second' }, world.ctx('U1'));
    expect(typed.summary).toBe(
      'postpone 0 is not accepted: give a whole number of days from 1 to 60, e.g. `/readinggroup postpone 2`.',
    );
  });

  it('answers stale buttons and bad notes specifically', async () => {
    const world = await makeWorld({ now: NOW });
    await world.dispatcher.runText('readinggroup', 'create name:RG syllabus:2.1 start=2027-01-14', world.ctx('U1'));
    expect((await world.dispatcher.press('rg-going', 'garbage', world.ctx('U2'))).reply?.summary).toBe(
      'That button belongs to a session that no longer exists here. Run `/readinggroup status` for the current one.',
    );
    expect((await world.dispatcher.press('rg-more', '1:7', world.ctx('U2'))).reply?.summary).toMatch(
      /^That button belongs to a session that no longer exists here/,
    );
    expect((await world.dispatcher.submit('rg-note', '1:1', { note: '   ' }, world.ctx('U2'))).reply?.summary).toBe(
      'The note is empty: write something, or close the form.',
    );
    expect(
      (await world.dispatcher.submit('rg-note', '1:1', { note: 'x'.repeat(2001) }, world.ctx('U2'))).reply?.summary,
    ).toBe('The note has 2001 characters; the most is 2000. Split it into two notes.');
    await world.dispatcher.runText('readinggroup', 'archive', world.ctx('U1'));
    expect((await world.dispatcher.press('rg-going', '1:1:s', world.ctx('U2'))).reply?.summary).toBe(
      '"RG" is archived; its sessions are closed.',
    );
    expect((await world.dispatcher.press('rg-join', '1', world.ctx('U2'))).reply?.summary).toBe(
      '"RG" is archived, so you cannot join it.',
    );
  });
});
