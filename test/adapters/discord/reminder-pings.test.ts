/**
 * Reading-group reminders on Discord ping the members who chose channel reminders, and
 * nobody else: they are named in the content with `allowed_mentions.users` (embeds never
 * ping), at most 80 a message, split over follow-ups beyond that (issue 10, item 11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import { chatInput, IDS, type Json } from '../../fakes/discord/index.js';
import { commandAnswer, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const messagesIn = (channelId: string) => h.fake.records.messages.filter((m) => m.channelId === channelId);
const allowed = (body: Json) => body['allowed_mentions'] as { parse: string[]; users?: string[] } | undefined;

describe('reminder pings on Discord', () => {
  it('pings the members who chose channel reminders, not those who chose DMs, nor anyone else', async () => {
    h.core.clock.set('2026-01-05T09:00:00Z');
    const sent = h.fake.interact(
      chatInput(
        'readinggroup',
        'create',
        { name: 'Ping RG', syllabus: '2.1', day: 'thu', time: '17:00', tz: 'UTC', start: '2026-01-15' },
        { user: IDS.organiser },
      ),
    );
    await commandAnswer(h.fake, sent);
    const { store } = h.core.services.readingGroups;
    await store.addMember(1, IDS.member, h.core.clock.now());
    await store.addMember(1, IDS.owner, h.core.clock.now());
    await store.setReminderRoute(1, IDS.owner, 'dm');

    h.core.clock.set('2026-01-14T17:01:00Z'); // just past the reminder, 24 hours before the session
    await createSweeper(h.core.services, scheduledFeatures, { inFlight: new Map() }).sweep();
    const reminder = messagesIn(IDS.general).find((m) => JSON.stringify(m.body).includes('is coming up'));
    expect(allowed(reminder?.body ?? {})).toEqual({ parse: [], users: [IDS.member] });
    expect(String(reminder?.body['content'])).toMatch(new RegExp(`^<@${IDS.member}> Reminder: Ping RG session 1`, 'u'));
  });

  it('splits more than 80 people over follow-up messages that each ping only their own', async () => {
    const ids = Array.from({ length: 170 }, (_, i) => `7000000000000${String(i).padStart(5, '0')}`);
    const before = messagesIn(IDS.general).length;
    const reply = {
      visibility: 'channel' as const,
      summary: 'Session soon.',
      blocks: [{ kind: 'text' as const, spans: ['Session soon.'] }],
      notify: ids,
    };
    const destination = {
      kind: 'channel' as const,
      conversation: { platform: 'discord' as const, tenantId: IDS.guild, channelId: IDS.general },
    };
    await h.adapter.delivery.post(destination, reply, 'test:pings');
    const posted = messagesIn(IDS.general)
      .slice(before)
      .map((m) => m.body);
    expect(posted.map((b) => allowed(b)?.users?.length)).toEqual([80, 80, 10]);
    expect(posted.flatMap((b) => allowed(b)?.users ?? [])).toEqual(ids);
    for (const body of posted) {
      const content = String(body['content']);
      expect(content.length).toBeLessThanOrEqual(2000);
      expect([...content.matchAll(/<@(\d+)>/gu)].map((m) => m[1])).toEqual(allowed(body)?.users);
      expect(allowed(body)?.parse).toEqual([]);
    }
  });
});
