/**
 * Reading-group calendars through the real discord.js client against the fake Discord:
 * the .ics goes up as an attachment, and the session thread's link is its channel link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { chatInput, IDS, type Json } from '../../fakes/discord/index.js';
import { parseCalendar } from '../../helpers/ical.js';
import { commandAnswer, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function run(sub: string, options: Record<string, string | number>, user: string = IDS.organiser): Promise<Json> {
  const sent = h.fake.interact(chatInput('readinggroup', sub, options, { user }));
  return (await commandAnswer(h.fake, sent)).body;
}

describe('reading-group calendars on Discord', () => {
  it('attaches the .ics with the thread link and the organiser as a Discord user', async () => {
    await run('create', {
      name: 'Safety RG',
      syllabus: '2.1,2.2',
      day: 'thu',
      time: '17:00',
      tz: 'UTC',
      start: '2026-01-15',
    });
    h.core.clock.set('2026-01-15T17:00:00Z');
    await createSweeper(h.core.services, scheduledFeatures, { inFlight: new Map() }).sweep();
    const thread = h.fake.records.threads.at(-1);
    expect(thread?.parentId).toBe(IDS.general);

    const body = await run('calendar', {}, IDS.member);
    expect(String(body['content'])).toMatch(/^Posted the calendar of "Safety RG" \(2 sessions\) as safety-rg\.ics/u);
    const upload = h.fake.records.messages.filter((m) => m.channelId === IDS.general).at(-1);
    expect(upload?.files.map((f) => f.name)).toEqual(['safety-rg.ics']);
    const { events } = parseCalendar(upload?.files[0]?.content ?? '');
    expect(events.map((e) => [e.uid, e.start, e.url, e.organizer])).toEqual([
      [
        `discord-${IDS.guild}-rg1-s1@agendabot`,
        '2026-01-15T17:00:00.000Z',
        `https://discord.com/channels/${IDS.guild}/${thread?.id}`,
        `https://discord.com/users/${IDS.organiser}`,
      ],
      [
        `discord-${IDS.guild}-rg1-s2@agendabot`,
        '2026-01-22T17:00:00.000Z',
        null,
        `https://discord.com/users/${IDS.organiser}`,
      ],
    ]);
  });

  it('answers a feed reset without HTTP mode with what it needs', async () => {
    const body = await run('calendar', { action: 'reset' });
    expect(body['content']).toBe(
      'A subscribable calendar feed needs the bot to serve web requests: ' +
        'Slack in HTTP mode with PUBLIC\\_BASE\\_URL set. Ask whoever runs the bot.',
    );
  });
});
