/**
 * Reading groups through the real discord.js client against the fake Discord: the
 * kickoff card, Join, scheduled events (create, move on skip, delete on archive), the
 * session message with a thread made from it, and the Add note form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import type { Sweeper } from '../../../src/core/jobs/sweeper.js';
import { buttonPress, chatInput, IDS, modalSubmit, type Json } from '../../fakes/discord/index.js';
import { buttonIds, commandAnswer, embedOf, startHarness, type Harness } from './harness.js';

let h: Harness;
let sweeper: Sweeper;
beforeAll(async () => {
  h = await startHarness();
  sweeper = createSweeper(h.core.services, scheduledFeatures, { inFlight: new Map() });
});
afterAll(async () => {
  await h?.stop();
});

const messagesIn = (channelId: string) => h.fake.records.messages.filter((m) => m.channelId === channelId);
const events = () =>
  [...h.fake.records.scheduledEvents.values()].map((e) => [
    e['name'],
    e['scheduled_start_time'],
    e['scheduled_end_time'],
    e['entity_type'],
  ]);

async function run(sub: string, options: Record<string, string | number>, user: string = IDS.organiser): Promise<Json> {
  const sent = h.fake.interact(chatInput('readinggroup', sub, options, { user }));
  return (await commandAnswer(h.fake, sent)).body;
}

describe('reading groups on Discord', () => {
  it('create posts the kickoff card with Join/Leave and makes each session a scheduled event', async () => {
    const body = await run('create', {
      name: 'Safety RG',
      syllabus: '2.1,2.2',
      day: 'thu',
      time: '17:00',
      tz: 'UTC',
      start: '2026-01-15',
      events: 'on',
    });
    expect(body['content']).toBe(
      'Created "Safety RG" with 2 sessions; you are its organiser. The kickoff card is in this channel.',
    );
    const kickoff = messagesIn(IDS.general).at(-1);
    expect(embedOf(kickoff?.json ?? {})['title']).toBe('Reading group: Safety RG');
    expect(buttonIds(kickoff?.json ?? {})).toEqual(['rg-join:1', 'rg-leave:1']);
    expect(events()).toEqual([
      ['Safety RG: session 1', '2026-01-15T17:00:00.000Z', '2026-01-15T18:00:00.000Z', 3],
      ['Safety RG: session 2', '2026-01-22T17:00:00.000Z', '2026-01-22T18:00:00.000Z', 3],
    ]);
  });

  it('Join updates the card in place and answers the presser alone', async () => {
    const kickoff = messagesIn(IDS.general).at(-1);
    const sent = h.fake.interact(buttonPress('rg-join:1', kickoff?.json ?? {}, { user: IDS.member }));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(sent.id).length > 0, 'the join answer');
    const [callback] = h.fake.records.callbacksFor(sent.id);
    expect(callback?.type).toBe(7);
    expect(JSON.stringify(callback?.data)).toContain('"name":"Members","value":"1"');
    await h.fake.waitFor(() => h.fake.records.webhooksFor(sent.token).length > 0, 'the ephemeral follow-up');
    const followUp = h.fake.records.webhooksFor(sent.token)[0];
    expect(String(followUp?.body?.['content'])).toMatch(/^You joined "Safety RG"\./u);
    expect(followUp?.body?.['flags']).toBe(64);
    expect((await h.core.services.readingGroups.store.members(1)).map((m) => m.userId)).toEqual([IDS.member]);
  });

  it('skip moves the scheduled events with the sessions', async () => {
    const body = await run('skip', {});
    expect(body['content']).toBe('"Safety RG" skips a week: session 1 moves one slot later.');
    expect(events()).toEqual([
      ['Safety RG: session 1', '2026-01-22T17:00:00.000Z', '2026-01-22T18:00:00.000Z', 3],
      ['Safety RG: session 2', '2026-01-29T17:00:00.000Z', '2026-01-29T18:00:00.000Z', 3],
    ]);
  });

  it('at session time the session message gets a thread made from it, with the in-thread buttons', async () => {
    h.core.clock.set('2026-01-21T17:00:00Z');
    await sweeper.sweep();
    // The member who joined (channel reminders by default) is pinged, and only they are.
    const reminder = messagesIn(IDS.general).at(-1);
    expect(String(reminder?.json['content'])).toMatch(
      new RegExp(`^<@${IDS.member}> Reminder: Safety RG session 1 `, 'u'),
    );
    expect(reminder?.body['allowed_mentions']).toEqual({ parse: [], users: [IDS.member] });
    h.core.clock.set('2026-01-22T17:00:00Z');
    await sweeper.sweep();
    const card = messagesIn(IDS.general).at(-1);
    expect(buttonIds(card?.json ?? {})).toEqual(['rg-going:1:1:s', 'rg-not-going:1:1:s']);
    const thread = h.fake.records.threads.at(-1);
    expect(thread).toMatchObject({
      parentId: IDS.general,
      messageId: card?.id,
      name: 'Safety RG · session 1 (2.1)',
      autoArchiveDuration: 10080,
    });
    const starter = messagesIn(thread?.id ?? '').at(-1);
    expect(buttonIds(starter?.json ?? {})).toEqual(['rg-note:1:1', 'rg-more:1:1', 'rg-covered:1:1']);
  });

  it('Add note opens a form in the thread, and the note is stored with its author', async () => {
    const thread = h.fake.records.threads.at(-1);
    const starter = messagesIn(thread?.id ?? '').at(-1);
    const pressed = h.fake.interact(
      buttonPress('rg-note:1:1', starter?.json ?? {}, { user: IDS.member, channel: thread?.id ?? '' }),
    );
    await h.fake.waitFor(() => h.fake.records.callbacksFor(pressed.id).length > 0, 'the form');
    const [form] = h.fake.records.callbacksFor(pressed.id);
    expect(form?.type).toBe(9);
    expect(form?.data?.['custom_id']).toBe('rg-note:1:1');
    const submitted = h.fake.interact(
      modalSubmit(
        'rg-note:1:1',
        { note: 'Try label-flipped prompts @everyone' },
        { user: IDS.member, channel: thread?.id ?? '' },
      ),
    );
    await h.fake.waitFor(() => h.fake.records.callbacksFor(submitted.id).length > 0, 'the note answer');
    expect((await h.core.services.readingGroups.store.notes(1)).map((n) => [n.authorId, n.text])).toEqual([
      [IDS.member, 'Try label-flipped prompts @everyone'],
    ]);
  });

  it('archive removes the events of sessions not yet held', async () => {
    const body = await run('archive', {});
    expect(body['content']).toBe(
      '"Safety RG" is archived: no more reminders or sessions. Its name is free for a new group.',
    );
    // Session 1 is under way, so its event stays; session 2's goes.
    expect(events()).toEqual([['Safety RG: session 1', '2026-01-22T17:00:00.000Z', '2026-01-22T18:00:00.000Z', 3]]);
  });
});

describe('the Discord scheduled-events port', () => {
  const spec = {
    name: 'RG: session 9',
    description: 'Reading group session',
    startsAt: new Date('2026-02-05T17:00:00Z'),
    endsAt: new Date('2026-02-05T18:00:00Z'),
    channelId: IDS.general,
  };

  it('turns a missing Manage Events permission into a permanent delivery error', async () => {
    h.fake.fail({ method: 'POST', path: /\/scheduled-events$/u, status: 403, code: 50013 });
    const port = h.adapter.delivery.scheduledEvents;
    await expect(port?.create(IDS.guild, spec)).rejects.toMatchObject({
      name: 'DeliveryError',
      code: '50013',
      permanent: true,
    });
  });

  it('treats deleting an event someone already removed as done', async () => {
    const port = h.adapter.delivery.scheduledEvents;
    const id = (await port?.create(IDS.guild, spec)) ?? '';
    h.fake.records.scheduledEvents.delete(id);
    await expect(port?.delete(IDS.guild, id)).resolves.toBeUndefined();
  });
});
