/**
 * The home page in the core: the fixture agenda, real SQLite, a manual clock. Expected
 * texts and times are written out by hand (Berlin is UTC+1 and New York UTC-5 in January).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { homePage, type HomeViewer } from '../../../src/core/features/home/index.js';
import type { Reply } from '../../../src/core/message.js';
import { makeWorld, type World } from '../../helpers/reading-groups.js';
import { replyButtons, replyLines } from '../../helpers/replies.js';

let world: World;
const viewer: HomeViewer = { platform: 'slack', tenantId: 'T1', userId: 'U1', zone: 'America/New_York' };
const dm = () => ({ ...world.ctx('U1', { channelId: 'DU1' }), isDirect: true });
const page = (): Promise<Reply> => homePage(world.services, viewer);
const buttons = (reply: Reply) => replyButtons(reply).map((b) => `${b.label} → ${b.action} ${b.value}`);

async function subscribeInDm(text: string): Promise<void> {
  const reply = await world.dispatcher.runText('agenda', `subscribe ${text}`, dm());
  expect(reply.summary).toMatch(/^Subscribed/u);
}

async function groupWithMember(): Promise<void> {
  const created = await world.dispatcher.runText(
    'readinggroup',
    'create name:"Safety RG" syllabus:2.1,2.2 day=thu time=17:00 tz=UTC start=2027-01-14',
    world.ctx('U9', { channelId: 'C0RG' }),
  );
  expect(created.summary).toContain('Created "Safety RG"');
  await world.dispatcher.runText('readinggroup', 'join', world.ctx('U1', { channelId: 'C0RG' }));
}

beforeEach(async () => {
  world = await makeWorld({ now: '2027-01-04T09:00:00Z', defaultTimezone: 'UTC' });
});

describe('the home page', () => {
  it('teaches the first steps to someone with nothing yet, with three quick starts', async () => {
    const reply = await page();
    const lines = replyLines(reply);
    expect(lines[0]).toBe('Welcome to the research agenda');
    expect(lines).toContain(
      '2. Subscribe: /agenda subscribe sends you one research question a week by direct message.',
    );
    expect(lines).toContain('Times will be shown in America/New_York.');
    expect(buttons(reply)).toEqual([
      'Browse the agenda → home.start browse',
      'Subscribe to a weekly question → home.start subscribe',
      'Start a reading group → home.start group',
    ]);
  });

  it('shows a subscription with its next post in the person’s zone, and Pause and Unsubscribe', async () => {
    await subscribeInDm('day=wed time=09:00 tz=Europe/Berlin');
    const reply = await page();
    expect(replyLines(reply)).toContain(
      'Subscription 1 to you, by direct message, Wednesdays at 09:00 (Europe/Berlin). ' +
        'Next post: Wednesday 2027-01-06 03:00 (America/New_York).',
    );
    expect(replyLines(reply)[0]).toBe('Times are in America/New_York.');
    expect(buttons(reply)).toContain('Pause → home.pause 1');
    expect(buttons(reply)).toContain('Unsubscribe → home.unsubscribe 1');
    expect(reply.summary).toBe(
      'Your agenda: 1 weekly-question subscription, 0 reading groups, 0 questions you are interested in.',
    );
  });

  it('pause, resume and unsubscribe buttons run the subscription commands and the page follows', async () => {
    await subscribeInDm('day=wed time=09:00 tz=Europe/Berlin');
    const paused = await world.dispatcher.press('home.pause', '1', dm());
    expect(paused.reply?.summary).toBe('Paused 1.');
    expect(replyLines(await page())).toContain(
      'Subscription 1 to you, by direct message, Wednesdays at 09:00 (Europe/Berlin). Paused (by hand, with /agenda pause).',
    );
    expect(buttons(await page())).toContain('Resume → home.resume 1');

    world.clock.set('2027-01-07T12:00:00Z');
    await world.dispatcher.press('home.resume', '1', dm());
    expect(replyLines(await page())).toContain(
      'Subscription 1 to you, by direct message, Wednesdays at 09:00 (Europe/Berlin). ' +
        'Next post: Wednesday 2027-01-13 03:00 (America/New_York).',
    );

    const gone = await world.dispatcher.press('home.unsubscribe', '1', dm());
    expect(gone.reply?.summary).toBe('Unsubscribed 1.');
    expect(replyLines(await page())[0]).toBe('Welcome to the research agenda');
  });

  it('refuses a pause button for someone else’s subscription, as the command does', async () => {
    await subscribeInDm('');
    const someoneElse = { ...world.ctx('U2', { channelId: 'DU2' }), isDirect: true };
    const other = await world.dispatcher.press('home.pause', '1', someoneElse);
    expect(other.reply?.summary).toBe(
      'There is no subscription 1 that you can see here. `/agenda subscriptions` lists them with their ids.',
    );
  });

  it('lists only the person’s own subscriptions: by DM to them, or channels they set up', async () => {
    const store = world.services.subscriptions;
    const base = {
      platform: 'slack' as const,
      tenantId: 'T1',
      weekday: 1 as const,
      time: { hour: 9, minute: 0 },
      zone: 'UTC',
      origin: 'any' as const,
      order: 'agenda' as const,
      count: 1,
      seed: 1,
      nextDueAt: new Date('2027-01-11T09:00:00Z'),
      createdAt: new Date('2027-01-04T09:00:00Z'),
    };
    await store.create({ ...base, target: { kind: 'user', userId: 'U2' }, ownerId: 'U2' });
    await store.create({ ...base, target: { kind: 'channel', channelId: 'C0LAB' }, ownerId: 'U1' });
    await store.create({ ...base, target: { kind: 'channel', channelId: 'C0OTHER' }, ownerId: 'U2' });
    const lines = replyLines(await page());
    expect(lines.filter((l) => l.startsWith('Subscription '))).toEqual([
      'Subscription 2 to #C0LAB, Mondays at 09:00 (UTC). Next post: Monday 2027-01-11 04:00 (America/New_York).',
    ]);
  });

  it('shows a group’s next session, the person’s answer, and RSVP buttons that are the group’s own', async () => {
    await groupWithMember();
    const before = await page();
    expect(replyLines(before)).toContain(
      'Safety RG in #C0RG. Next, session 1: 2.1 How in-context learning works is not understood, ' +
        'Thursday 2027-01-14 12:00 (America/New_York). Your answer: not answered yet.',
    );
    expect(buttons(before)).toContain('Going → rg-going 1:1');
    expect(buttons(before)).toContain("Can't make it → rg-not-going 1:1");

    const pressed = await world.dispatcher.press('rg-going', '1:1', world.ctx('U1', { channelId: 'DU1' }));
    expect(pressed.reply?.summary).toBe(
      'Noted: you are going to session 1 of "Safety RG". Press Going again to withdraw.',
    );
    expect(replyLines(await page()).some((l) => l.endsWith('Your answer: going.'))).toBe(true);
  });

  it('lists questions marked Interested, newest first, each with an Open button', async () => {
    const store = world.services.subscriptions;
    await store.addInterest('slack', 'T1', 'U1', '2.1-q1', 'digest:1:2027-W01', new Date('2027-01-04T10:00:00Z'));
    await store.addInterest('slack', 'T1', 'U1', '2.1.1-p1', 'digest:1:2027-W02', new Date('2027-01-11T10:00:00Z'));
    await store.addInterest('slack', 'T1', 'U1', '2.1-q1', 'digest:1:2027-W03', new Date('2027-01-18T10:00:00Z'));
    const reply = await page();
    const ids = reply.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map((i) => i.id) : []));
    expect(ids).toEqual(['2.1-q1', '2.1.1-p1']);
    expect(replyLines(reply).find((l) => l.startsWith('[2.1-q1]'))).toMatch(
      /^\[2\.1-q1\] Can either the 'elaborate pattern matching' account .* — From the paper, §2\.1\.1$/u,
    );
    expect(buttons(reply)).toContain('Open 2.1-q1 → open 2.1-q1');
    expect(buttons(reply)).toContain('Open 2.1.1-p1 → open 2.1.1-p1');
    const opened = await world.dispatcher.press('open', '2.1-q1', dm());
    expect(opened.reply?.summary).toContain('2.1-q1');
  });

  it('shows at most 15 subscriptions and says how many more there are', async () => {
    for (let i = 0; i < 20; i += 1) await subscribeInDm('day=mon time=08:00');
    const reply = await page();
    expect(replyLines(reply).filter((l) => l.startsWith('Subscription '))).toHaveLength(15);
    expect(replyLines(reply)).toContain('Showing 15 of 20 subscriptions. /agenda subscriptions lists them all.');
  });

  it('quick starts answer with the first step of each path', async () => {
    const browse = await world.dispatcher.press('home.start', 'browse', dm());
    expect(browse.reply && replyLines(browse.reply)).toEqual([
      'Browse the agenda',
      '[2] Scientific understanding of LLMs',
      '[3] Methods for building and deploying LLMs',
      '[4] Sociotechnical challenges',
      '(Open §2)',
      '(Open §3)',
      '(Open §4)',
      '/agenda search <words> finds questions; /agenda random picks one.',
    ]);
    const group = await world.dispatcher.press('home.start', 'group', dm());
    expect(group.reply && replyLines(group.reply)).toContain('Run this in the channel where the group will meet.');
    const bad = await world.dispatcher.press('home.start', 'fly', dm());
    expect(bad.reply?.summary).toBe('That button is damaged. Open the Home tab again.');
  });
});
