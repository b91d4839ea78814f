/**
 * `/readinggroup calendar` through the core on an injected clock: the file is parsed back
 * with ical.js and checked event by event, before and after skip, postpone, the session's
 * thread opening, pause and archive; and the feed tokens' life (reset, revoke).
 */
import { describe, expect, it } from 'vitest';
import { calendarFeed } from '../../../src/core/features/calendar/export.js';
import { lineProblems, parseCalendar, type ParsedEvent } from '../../helpers/ical.js';
import { makeWorld, type World } from '../../helpers/reading-groups.js';

const SUMMARIES = [
  '2.1 How in-context learning works is not understood · Safety RG',
  '3.4 Interpretation and explanation tools are missing or unfaithful · Safety RG',
  '3.5 Jailbreaks and prompt injection undermine LLM security · Safety RG',
];
const UIDS = ['slack-T1-rg1-s1@agendabot', 'slack-T1-rg1-s2@agendabot', 'slack-T1-rg1-s3@agendabot'];

async function createGroup(world: World, extra = 'tz=Europe/Berlin start=2027-03-18'): Promise<void> {
  const text = `create name:"Safety RG" syllabus:2.1,3.4,3.5 day=thu time=17:00 ${extra}`;
  const reply = await world.dispatcher.runText('readinggroup', text, world.ctx('U1'));
  expect(reply.summary).toMatch(/^Created "Safety RG"/u);
}

/** Runs `/readinggroup calendar` and reads back the file it uploaded. */
async function exportCalendar(world: World, user = 'U2'): Promise<{ text: string; events: readonly ParsedEvent[] }> {
  const before = world.port.uploads.length;
  await world.dispatcher.runText('readinggroup', 'calendar', world.ctx(user));
  expect(world.port.uploads).toHaveLength(before + 1);
  const text = world.port.uploads.at(-1)?.content ?? '';
  expect(lineProblems(text)).toEqual([]);
  return { text, events: parseCalendar(text).events };
}

const pick = (events: readonly ParsedEvent[], field: keyof ParsedEvent) => events.map((e) => e[field]);

describe('a reading group as an iCalendar file', () => {
  it('posts one event per session, in the group zone, with what to read and the organiser', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    await createGroup(world);
    const reply = await world.dispatcher.runText('readinggroup', 'calendar', world.ctx('U2'));
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.summary).toBe(
      'Posted the calendar of "Safety RG" (3 sessions) as safety-rg.ics: ' +
        'open it to add the sessions to your calendar. ' +
        'Importing a newer copy updates the events instead of adding them twice. ' +
        'A subscribable calendar feed needs the bot to serve web requests: ' +
        'Slack in HTTP mode with PUBLIC_BASE_URL set. Ask whoever runs the bot. ' +
        'Until then, post a fresh file after each change: importing it again updates the events.',
    );
    const upload = world.port.uploads[0];
    expect([upload?.filename, upload?.conversation.channelId]).toEqual(['safety-rg.ics', 'C1']);
    const calendar = parseCalendar(upload?.content ?? '');
    expect(calendar.name).toBe('Safety RG (reading group)');
    const { events } = calendar;
    expect(pick(events, 'summary')).toEqual(SUMMARIES);
    expect(pick(events, 'uid')).toEqual(UIDS);
    // 17:00 in Berlin: 16:00 UTC in winter, 15:00 UTC once summer time starts on 28 March.
    expect(pick(events, 'startLocal')).toEqual([
      '2027-03-18 17:00 Europe/Berlin',
      '2027-03-25 17:00 Europe/Berlin',
      '2027-04-01 17:00 Europe/Berlin',
    ]);
    expect(pick(events, 'start')).toEqual([
      '2027-03-18T16:00:00.000Z',
      '2027-03-25T16:00:00.000Z',
      '2027-04-01T15:00:00.000Z',
    ]);
    expect(pick(events, 'end')).toEqual([
      '2027-03-18T17:00:00.000Z',
      '2027-03-25T17:00:00.000Z',
      '2027-04-01T16:00:00.000Z',
    ]);
    expect(pick(events, 'sequence')).toEqual([0, 0, 0]);
    expect(pick(events, 'status')).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
    expect(pick(events, 'url')).toEqual([null, null, null]);
    expect(pick(events, 'organizer')).toEqual(Array(3).fill('slack://user?team=T1&id=U1'));
    expect(events[0]?.organizerName).toBe('Safety RG organiser');
    const description = events[0]?.description ?? '';
    const heading = 'Session 1 of Safety RG: 2.1 How in-context learning works is not understood.\n\n';
    expect(description.startsWith(heading)).toBe(true);
    expect(description).toContain('\n\nRead before the session: LLMs can take up new tasks');
    expect(description).toContain('\nSubsections:\n- 2.1.1 Whether ICL is elaborate pattern matching\n- 2.1.2 ');
    expect(description.endsWith('\n\nIn the paper: https://arxiv.org/pdf/2404.09932v2#subsection.2.1')).toBe(true);
    // The zone's one change in the span, as the bot's zone data has it.
    expect(calendar.observances).toEqual([
      ['STANDARD', '20270317T170000', '+0100', '+0100'],
      ['DAYLIGHT', '20270328T020000', '+0100', '+0200'],
    ]);
  });

  it('keeps UIDs and raises SEQUENCE when skip and postpone move the sessions', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    await createGroup(world);
    const first = await exportCalendar(world);

    await world.dispatcher.runText('readinggroup', 'skip', world.ctx('U1'));
    const skipped = (await exportCalendar(world)).events;
    expect(pick(skipped, 'uid')).toEqual(UIDS);
    expect(pick(skipped, 'summary')).toEqual(SUMMARIES);
    expect(pick(skipped, 'sequence')).toEqual([1, 1, 1]);
    expect(pick(skipped, 'start')).toEqual([
      '2027-03-25T16:00:00.000Z',
      '2027-04-01T15:00:00.000Z',
      '2027-04-08T15:00:00.000Z',
    ]);

    await world.dispatcher.runText('readinggroup', 'postpone 2', world.ctx('U1'));
    const postponed = (await exportCalendar(world)).events;
    expect(pick(postponed, 'uid')).toEqual(UIDS);
    expect(pick(postponed, 'sequence')).toEqual([2, 2, 2]);
    expect(pick(postponed, 'startLocal')).toEqual([
      '2027-03-27 17:00 Europe/Berlin',
      '2027-04-03 17:00 Europe/Berlin',
      '2027-04-10 17:00 Europe/Berlin',
    ]);
    expect(pick(postponed, 'start')).toEqual([
      '2027-03-27T16:00:00.000Z',
      '2027-04-03T15:00:00.000Z',
      '2027-04-10T15:00:00.000Z',
    ]);
    expect(first.events.map((e) => e.uid)).toEqual(UIDS);
  });

  it('links the open session thread; sessions are tentative while paused and cancelled once archived', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z', calendarFeedBaseUrl: 'https://bot.example.org/' });
    await createGroup(world);
    world.clock.set('2027-03-18T16:00:00Z');
    await world.sweep();
    const card = world.port.posts.find((p) => p.key === 'rg:1:1:thread');
    expect(card).toBeDefined();
    const opened = (await exportCalendar(world)).events;
    expect(pick(opened, 'url')).toEqual([`https://chat.test/C1/${card?.messageId}`, null, null]);
    expect(opened[0]?.description).toContain(`\nDiscussion thread: https://chat.test/C1/${card?.messageId}`);
    expect(pick(opened, 'sequence')).toEqual([0, 0, 0]);

    await world.dispatcher.runText('readinggroup', 'pause', world.ctx('U1'));
    const paused = (await exportCalendar(world)).events;
    expect(pick(paused, 'status')).toEqual(['CONFIRMED', 'TENTATIVE', 'TENTATIVE']);
    expect(pick(paused, 'sequence')).toEqual([0, 1, 1]);

    // An organiser takes the feed address before archiving; the feed still serves the archived group.
    const reset = await world.dispatcher.runText('readinggroup', 'calendar reset', world.ctx('U1'));
    const token = /https:\/\/bot\.example\.org\/calendar\/([A-Za-z0-9_-]{43})\.ics/u.exec(reset.summary)?.[1] ?? '';
    await world.dispatcher.runText('readinggroup', 'archive', world.ctx('U1'));
    const feed = await calendarFeed(world.services, token);
    expect(feed?.filename).toBe('safety-rg.ics');
    const archived = parseCalendar(feed?.content ?? '').events;
    expect(pick(archived, 'uid')).toEqual(UIDS);
    expect(pick(archived, 'status')).toEqual(['CONFIRMED', 'CANCELLED', 'CANCELLED']);
    expect(pick(archived, 'sequence')).toEqual([0, 2, 2]);
    expect(archived[1]?.description).toMatch(/^Cancelled: the group was archived\.\n\nSession 2 of Safety RG/u);
  });

  it('writes UTC times, with no VTIMEZONE, for a group kept in UTC', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    await createGroup(world, 'tz=UTC start=2027-03-18');
    const { text, events } = await exportCalendar(world);
    expect(text).toContain('\r\nDTSTART:20270318T170000Z\r\nDTEND:20270318T180000Z\r\n');
    expect(text).not.toContain('VTIMEZONE');
    expect(pick(events, 'start')).toEqual([
      '2027-03-18T17:00:00.000Z',
      '2027-03-25T17:00:00.000Z',
      '2027-04-01T17:00:00.000Z',
    ]);
  });

  it('finds the group by name from another channel', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    await createGroup(world);
    await world.dispatcher.runText('readinggroup', 'calendar Safety RG', world.ctx('U2', { channelId: 'C9' }));
    expect(world.port.uploads.map((u) => [u.filename, u.conversation.channelId])).toEqual([['safety-rg.ics', 'C9']]);
  });
});

describe('calendar feeds', () => {
  it('refuses a reset where feeds are not served, and says why', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    await createGroup(world);
    const reply = await world.dispatcher.runText('readinggroup', 'calendar reset', world.ctx('U1'));
    expect(reply.summary).toBe(
      'A subscribable calendar feed needs the bot to serve web requests: ' +
        'Slack in HTTP mode with PUBLIC_BASE_URL set. Ask whoever runs the bot.',
    );
  });

  it('lets only organisers make a feed address', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z', calendarFeedBaseUrl: 'https://bot.example.org' });
    await createGroup(world);
    const reply = await world.dispatcher.runText('readinggroup', 'calendar reset', world.ctx('U2'));
    expect(reply.summary).toMatch(/^Only the organisers of "Safety RG" can make a new calendar feed\./u);
    expect(await world.services.calendars.hasFeed(1)).toBe(false);
  });

  it('gives the organiser a private address; a reset stops the old one', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z', calendarFeedBaseUrl: 'https://bot.example.org' });
    await createGroup(world);
    const feedAddress = /^New calendar feed for "Safety RG": https:\/\/bot\.example\.org\/calendar\/([\w-]{43})\.ics /u;
    const tokenOf = (text: string) => feedAddress.exec(text)?.[1];

    const first = await world.dispatcher.runText('readinggroup', 'calendar reset', world.ctx('U1'));
    expect(first.visibility).toBe('ephemeral');
    const oldToken = tokenOf(first.summary);
    expect(oldToken).toBeDefined();
    expect(first.blocks.at(-1)).toEqual({
      kind: 'context',
      spans: [
        'Anyone with this address can read the schedule: share it with the group, not in public. ' +
          'Any earlier address of this feed has stopped working; run this again to stop this one.',
      ],
    });
    const served = await calendarFeed(world.services, oldToken ?? '');
    expect(parseCalendar(served?.content ?? '').events.map((e) => e.uid)).toEqual(UIDS);

    const reply = await world.dispatcher.runText('readinggroup', 'calendar', world.ctx('U2'));
    expect(reply.summary).toContain('The group also has a subscribable feed that stays current by itself');

    const second = await world.dispatcher.runText('readinggroup', 'calendar reset', world.ctx('U1'));
    const newToken = tokenOf(second.summary);
    expect(newToken).not.toBe(oldToken);
    expect(await calendarFeed(world.services, oldToken ?? '')).toBeUndefined();
    expect((await calendarFeed(world.services, newToken ?? ''))?.sessions).toBe(3);
    expect(await calendarFeed(world.services, 'A'.repeat(43))).toBeUndefined();
    expect(await calendarFeed(world.services, 'not a token')).toBeUndefined();
  });

  it('is listed in /readinggroup help', async () => {
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z' });
    const help = await world.dispatcher.runText('readinggroup', 'help', world.ctx('U1'));
    const list = help.blocks.find((b) => b.kind === 'list');
    expect(list?.kind === 'list' ? list.items.map((i) => i.id) : []).toContain('calendar');
  });
});
