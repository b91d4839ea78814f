/**
 * The batch methods planning uses on every backend (a batch of due subscriptions costs a few statements, not a
 * few per subscription): which delivery keys exist, many deliveries planned at once, many histories read, many
 * posts recorded and many due instants moved. Each must do exactly what its one-at-a-time counterpart does.
 */
import { expect, it } from 'vitest';
import type { NewSubscription, PostedQuestion } from '../../../src/core/features/weekly-question/model.js';
import type { PlannedDelivery } from '../../../src/core/jobs/deliveries.js';
import { ephemeralText } from '../../../src/core/message.js';
import { describeEachBackend, freshStorage } from './backends.js';

const at = (iso: string): Date => new Date(iso);
const NOW = at('2024-03-04T08:00:00Z');
const delivery = (key: string, text = key): PlannedDelivery => ({
  key,
  destination: { kind: 'channel', conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' } },
  reply: ephemeralText(text),
  dueAt: at('2024-03-04T09:00:00Z'),
});
const posted = { conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' }, messageId: '1.1' } as const;

describeEachBackend('planning deliveries in batches', (backend) => {
  const storage = freshStorage(backend);
  const store = () => storage().backend.stores.deliveries;

  it('says which keys exist, in any state, and nothing for an empty list', async () => {
    await store().plan(delivery('pending'), NOW);
    await store().recordSkipped(delivery('skipped'), 'missed', NOW);
    expect(await store().existingKeys([])).toEqual(new Set());
    expect(await store().existingKeys(['missing', 'skipped', 'pending', 'other'])).toEqual(
      new Set(['pending', 'skipped']),
    );
  });

  it('plans pending and skipped deliveries at once, as plan and recordSkipped do one at a time', async () => {
    // Quotes, backslashes, braces and commas: what the array a database server receives must carry unchanged.
    const text = 'say "hi" \\ {a,b} – ünïcode';
    const threaded = { ...delivery('many:1', text), thread: { name: 'Discuss', reply: ephemeralText('first') } };
    await store().plan({ ...threaded, key: 'one:1' }, NOW);
    await store().recordSkipped(delivery('one:2', 'skip'), 'no eligible question', NOW);
    const written = await store().planAll(
      [{ delivery: threaded }, { delivery: delivery('many:2', 'skip'), skippedReason: 'no eligible question' }],
      NOW,
    );
    expect(written).toEqual(new Set(['many:1', 'many:2']));
    const first = await store().get('many:1');
    expect(first).toEqual({ ...(await store().get('one:1')), key: 'many:1' });
    expect(first).toMatchObject({ state: 'pending', threadState: 'wanted', reply: ephemeralText(text) });
    expect(first?.nextAttemptAt?.toISOString()).toBe('2024-03-04T08:00:00.000Z');
    const second = await store().get('many:2');
    expect(second).toEqual({ ...(await store().get('one:2')), key: 'many:2' });
    expect(second).toMatchObject({ state: 'skipped', threadState: 'none', reason: 'no eligible question' });
    expect(second?.nextAttemptAt).toBeUndefined();
    expect(await store().planAll([], NOW)).toEqual(new Set());
  });

  it('leaves an existing delivery untouched and writes the others of the batch', async () => {
    await store().plan(delivery('old', 'the first plan'), NOW);
    await store().claim('A', ['slack'], at('2024-03-04T09:00:00Z'), 60_000, 1);
    await store().markSent('old', 'A', posted, at('2024-03-04T09:00:01Z'), true);
    const before = await store().get('old');
    const written = await store().planAll(
      [
        { delivery: delivery('old', 'a second plan') },
        { delivery: delivery('new') },
        { delivery: delivery('old', 'skipped now'), skippedReason: 'missed' },
      ],
      at('2024-03-11T08:00:00Z'),
    );
    expect(written).toEqual(new Set(['new']));
    expect(await store().get('old')).toEqual(before);
    expect(before).toMatchObject({ state: 'sent', reply: ephemeralText('the first plan'), posted });
    expect((await store().get('new'))?.state).toBe('pending');
  });

  it('writes nothing of a batch whose transaction fails', async () => {
    const failed = storage().backend.unitOfWork.atomically(async (tx) => {
      await tx.deliveries.planAll([{ delivery: delivery('a') }, { delivery: delivery('b') }], NOW);
      throw new Error('a later statement failed');
    });
    await expect(failed).rejects.toThrow('a later statement failed');
    expect(await store().existingKeys(['a', 'b'])).toEqual(new Set());
  });
});

const subscription = (channelId: string): NewSubscription => ({
  platform: 'slack',
  tenantId: 'T1',
  target: { kind: 'channel', channelId },
  ownerId: 'U1',
  weekday: 1,
  time: { hour: 9, minute: 0 },
  zone: 'UTC',
  origin: 'any',
  order: 'agenda',
  count: 2,
  seed: 7,
  nextDueAt: at('2024-03-04T09:00:00Z'),
  createdAt: at('2024-03-01T00:00:00Z'),
});
const question = (deliveryKey: string, position: number, questionId: string, round = 1): PostedQuestion => ({
  deliveryKey,
  position,
  round,
  questionId,
  challengeId: questionId.split('-')[0] ?? '',
  newRound: round > 1 && position === 0,
});

describeEachBackend('planning subscriptions in batches', (backend) => {
  const storage = freshStorage(backend);
  const store = () => storage().backend.stores.subscriptions;
  const three = async () =>
    Promise.all(['C1', 'C2', 'C3'].map(async (c) => (await store().create(subscription(c))).id));

  it("reads several histories at once, each in history's order, and [] for an id without posts", async () => {
    const [a, b, c] = (await three()) as [number, number, number];
    // Recorded out of order: planned_at first, then the key, then the position.
    await store().recordPost(
      a,
      2,
      [question('d:z', 1, '3.5-q2', 2), question('d:z', 0, '3.5-q1', 2)],
      at('2024-03-11T08:00:00Z'),
    );
    await store().recordPost(a, 1, [question('d:y', 0, '2.1-q1')], at('2024-03-04T08:00:00Z'));
    await store().recordPost(a, 2, [question('d:x', 0, '4.2-q1', 2)], at('2024-03-11T08:00:00Z'));
    await store().recordPost(b, 1, [question('d:b', 0, '2.1-q1')], at('2024-03-04T08:00:00Z'));
    const histories = await store().histories([c, a, 999, b]);
    expect([...histories.keys()].sort()).toEqual([a, b, c, 999].sort());
    expect(histories.get(a)?.map((q) => [q.deliveryKey, q.position, q.questionId])).toEqual([
      ['d:y', 0, '2.1-q1'],
      ['d:x', 0, '4.2-q1'],
      ['d:z', 0, '3.5-q1'],
      ['d:z', 1, '3.5-q2'],
    ]);
    expect(histories.get(a)).toEqual(await store().history(a));
    expect(histories.get(b)).toEqual([question('d:b', 0, '2.1-q1')]);
    expect(histories.get(c)).toEqual([]);
    expect(histories.get(999)).toEqual([]);
    expect(await store().histories([])).toEqual(new Map());
  });

  it('records several posts at once, each with its round', async () => {
    const [a, b, c] = (await three()) as [number, number, number];
    await store().recordPosts(
      [
        { id: a, round: 2, questions: [question('d:a', 0, '3.5-q1', 2), question('d:a', 1, '3.5-q2', 2)] },
        { id: b, round: 1, questions: [question('d:b', 0, '2.1-q1')] },
      ],
      at('2024-03-04T08:00:00Z'),
    );
    await store().recordPosts([], at('2024-03-04T08:00:00Z'));
    expect(await store().history(a)).toEqual([question('d:a', 0, '3.5-q1', 2), question('d:a', 1, '3.5-q2', 2)]);
    expect(await store().postedIn('d:b')).toEqual([question('d:b', 0, '2.1-q1')]);
    expect(await store().history(c)).toEqual([]);
    const rounds = await Promise.all([a, b, c].map(async (id) => (await store().byId(id))?.round));
    expect(rounds).toEqual([2, 1, 1]);
  });

  it('moves several due instants at once and no other', async () => {
    const [a, b, c] = (await three()) as [number, number, number];
    await store().setNextDues([
      { id: a, nextDueAt: at('2024-03-11T09:00:00Z') },
      { id: c, nextDueAt: at('2024-03-18T09:00:00Z') },
    ]);
    await store().setNextDues([]);
    const due = await Promise.all([a, b, c].map(async (id) => (await store().byId(id))?.nextDueAt.toISOString()));
    expect(due).toEqual(['2024-03-11T09:00:00.000Z', '2024-03-04T09:00:00.000Z', '2024-03-18T09:00:00.000Z']);
  });
});
