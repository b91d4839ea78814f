import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import type { Sweeper } from '../../../src/core/jobs/sweeper.js';
import { buttonPress, chatInput, IDS, type Json } from '../../fakes/discord/index.js';
import { buttonIds, commandAnswer, embedOf, startHarness, type Harness } from './harness.js';

let h: Harness;
let sweeper: Sweeper;
beforeAll(async () => {
  h = await startHarness();
  h.core.clock.set('2026-01-05T08:00:00Z'); // a Monday, an hour before the default 09:00 UTC
  sweeper = createSweeper(h.core.services, scheduledFeatures, { inFlight: new Map() });
});
afterAll(async () => {
  await h?.stop();
});

async function agenda(
  sub: string,
  options: Record<string, string | number | { channel: string }>,
  user: string = IDS.member,
): Promise<Json> {
  const sent = h.fake.interact(chatInput('agenda', sub, options, { user }));
  return (await commandAnswer(h.fake, sent)).body;
}

describe('the weekly question on Discord, through the real discord.js client', () => {
  it('refuses a channel subscription to a member without Manage Channels', async () => {
    const body = await agenda('subscribe', { channel: { channel: IDS.general } });
    expect(String(body['content'])).toContain(
      'Only channel managers can change what a channel receives (that needs the Manage Channels or Manage Server permission)',
    );
    expect(await h.core.services.subscriptions.list('discord', IDS.guild)).toHaveLength(0);
  });

  it('subscribes #general for an organiser, then a due sweep posts the card and opens its thread', async () => {
    const body = await agenda('subscribe', { channel: { channel: IDS.general }, tz: 'UTC' }, IDS.organiser);
    expect(String(body['content'])).toContain('Subscribed (id 1)');
    expect(JSON.stringify(body)).toContain('<t:1767603600:F>'); // 2026-01-05 09:00 UTC in each reader's zone

    h.core.clock.set('2026-01-05T09:00:00Z');
    await sweeper.sweep();
    const cards = h.fake.records.messagesIn(IDS.general);
    expect(cards).toHaveLength(1);
    const card = cards[0];
    expect(card?.body['nonce']).toBeDefined();
    expect(card?.body['enforce_nonce']).toBe(true);
    expect(String(embedOf(card?.body ?? {})['description'] ?? '') + JSON.stringify(card?.body)).toContain(
      'From the paper, §2.1.1',
    );
    expect(buttonIds(card?.body ?? {})).toEqual([
      'digest.interested:digest:1:2026-W02|2.1-q1',
      'digest.another:1',
      'related:2.1-q1',
    ]);

    const thread = h.fake.records.threads.find((t) => t.messageId === card?.id);
    expect(thread?.parentId).toBe(IDS.general);
    const opening = h.fake.records.messagesIn(thread?.id ?? '');
    expect(JSON.stringify(opening[0]?.body)).toContain('Discuss this question here.');

    await sweeper.sweep();
    expect(h.fake.records.messagesIn(IDS.general)).toHaveLength(1);
  });

  it('Interested updates the count on the card; Another question answers the presser only', async () => {
    const card = h.fake.records.messagesIn(IDS.general)[0];
    const message = { ...(card?.json ?? {}), id: card?.id, channel_id: IDS.general };
    const press = h.fake.interact(
      buttonPress('digest.interested:digest:1:2026-W02|2.1-q1', message, { user: IDS.member }),
    );
    await h.fake.waitFor(() => h.fake.records.callbacksFor(press.id).length > 0, 'the Interested answer');
    const [update] = h.fake.records.callbacksFor(press.id);
    expect(update?.type).toBe(7);
    expect(JSON.stringify(update?.data)).toContain('Interested');
    expect(JSON.stringify(update?.data)).toMatch(/Interested[^0-9]*1/u);
    await h.fake.waitFor(() => h.fake.records.webhooksFor(press.token).length > 0, 'the ephemeral note');
    const note = h.fake.records.webhooksFor(press.token)[0];
    expect(note?.body?.['flags']).toBe(64);
    expect(String(note?.body?.['content'])).toContain('Noted: you are interested in 2.1-q1.');

    const another = h.fake.interact(buttonPress('digest.another:1', message, { user: IDS.member }));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(another.id).length > 0, 'the Another question answer');
    const [answer] = h.fake.records.callbacksFor(another.id);
    expect(answer?.type).toBe(4);
    expect(answer?.data?.['flags']).toBe(64);
    expect(JSON.stringify(answer?.data)).toContain('Another question, just for you');
    expect(h.fake.records.messagesIn(IDS.general)).toHaveLength(1);
  });
});
