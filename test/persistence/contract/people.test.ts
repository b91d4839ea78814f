/**
 * Weekly-question subscriptions and interests, introductions, and inline replies on every backend. Counts that
 * two processes update at once (Interested) are counted from the rows, so both processes' clicks count.
 */
import { expect, it } from 'vitest';
import type { NewSubscription } from '../../../src/core/features/weekly-question/model.js';
import { describeEachBackend, freshStorage } from './backends.js';

const subscription: NewSubscription = {
  platform: 'slack',
  tenantId: 'T1',
  target: { kind: 'channel', channelId: 'C1' },
  ownerId: 'U1',
  weekday: 1,
  time: { hour: 9, minute: 5 },
  zone: 'Europe/Berlin',
  origin: 'paper',
  order: 'shuffled',
  count: 2,
  seed: 2_000_000_000,
  nextDueAt: new Date('2026-01-05T08:05:00Z'),
  createdAt: new Date('2026-01-01T10:00:00Z'),
};
const tenant = { platform: 'slack', tenantId: 'T1' } as const;
const at = (iso: string) => new Date(iso);

describeEachBackend('subscriptions and interests', (backend) => {
  const storage = freshStorage(backend, { shared: true });
  const store = () => storage().backend.stores.subscriptions;

  it('creates, finds per tenant, lists, pauses and removes subscriptions', async () => {
    const created = await store().create(subscription);
    expect(created).toEqual({ ...subscription, id: created.id, round: 1, paused: false });
    const user = await store().create({ ...subscription, target: { kind: 'user', userId: 'U2' }, scope: '3.5' });
    expect(user.scope).toBe('3.5');
    expect(await store().find('slack', 'T2', created.id)).toBeUndefined();
    expect((await store().find('slack', 'T1', created.id))?.id).toBe(created.id);
    expect((await store().list('slack', 'T1')).map((s) => s.id)).toEqual([created.id, user.id]);
    expect((await store().due(at('2026-01-05T08:05:00Z'))).map((s) => s.id)).toEqual([created.id, user.id]);
    expect(await store().due(at('2026-01-05T08:04:59Z'))).toEqual([]);
    await store().setPaused(created.id, true, 'channel archived', at('2026-01-12T08:05:00Z'));
    expect(await store().byId(created.id)).toMatchObject({ paused: true, pausedReason: 'channel archived' });
    expect((await store().due(at('2026-02-01T00:00:00Z'))).map((s) => s.id)).toEqual([user.id]);
    await store().setNextDue(user.id, at('2026-01-12T08:05:00Z'));
    expect((await store().byId(user.id))?.nextDueAt.toISOString()).toBe('2026-01-12T08:05:00.000Z');
    await store().remove(user.id);
    expect(await store().byId(user.id)).toBeUndefined();
  });

  it('records posts with their rotation round, oldest first', async () => {
    const { id } = await store().create(subscription);
    const question = (deliveryKey: string, position: number, questionId: string, newRound = false) => ({
      deliveryKey,
      position,
      round: 1,
      questionId,
      challengeId: '3.5',
      newRound,
    });
    await store().recordPost(
      id,
      1,
      [question('d:1', 0, '3.5-q1'), question('d:1', 1, '3.5-q2')],
      at('2026-01-05T08:05:00Z'),
    );
    await store().recordPost(id, 2, [question('d:2', 0, '3.5-q3', true)], at('2026-01-12T08:05:00Z'));
    expect((await store().history(id)).map((q) => [q.deliveryKey, q.position, q.questionId, q.newRound])).toEqual([
      ['d:1', 0, '3.5-q1', false],
      ['d:1', 1, '3.5-q2', false],
      ['d:2', 0, '3.5-q3', true],
    ]);
    expect((await store().postedIn('d:1')).map((q) => q.questionId)).toEqual(['3.5-q1', '3.5-q2']);
    expect((await store().byId(id))?.round).toBe(2);
  });

  it('counts each person once per post, across two processes clicking at once', async () => {
    const other = (await storage().peer()).stores.subscriptions;
    const users = Array.from({ length: 12 }, (_, i) => `U${i}`);
    const clicks = users.flatMap((user, i) => [
      (i % 2 === 0 ? store() : other).addInterest('slack', 'T1', user, 'q1', 'd:1', at('2026-01-05T09:00:00Z')),
      (i % 2 === 0 ? other : store()).addInterest('slack', 'T1', user, 'q1', 'd:1', at('2026-01-05T09:00:01Z')),
    ]);
    const added = await Promise.all(clicks);
    expect(added.filter(Boolean)).toHaveLength(12);
    expect(await store().interestCount('d:1', 'q1')).toBe(12);
    expect(await other.interestCount('d:1', 'q2')).toBe(0);
    const mine = await store().interestsOf('slack', 'T1', 'U3');
    expect(mine.map((i) => [i.questionId, i.deliveryKey])).toEqual([['q1', 'd:1']]);
  });
});

describeEachBackend('introductions and inline replies', (backend) => {
  const storage = freshStorage(backend);
  const intros = () => storage().backend.stores.introductions;

  it('keeps consent per tenant and lists opted-in people in the order they opted in', async () => {
    expect(await intros().setOptedIn(tenant, 'U2', true, at('2026-01-02T00:00:00Z'))).toBe(true);
    expect(await intros().setOptedIn(tenant, 'U1', true, at('2026-01-03T00:00:00Z'))).toBe(true);
    expect(await intros().setOptedIn(tenant, 'U1', true, at('2026-01-04T00:00:00Z'))).toBe(false);
    expect(await intros().isOptedIn({ platform: 'slack', tenantId: 'T2' }, 'U1')).toBe(false);
    expect(await intros().optedIn(tenant, ['U1', 'U2', 'U3'])).toEqual(['U2', 'U1']);
    expect(await intros().optedIn(tenant, [])).toEqual([]);
    expect(await intros().setOptedIn(tenant, 'U2', false, at('2026-01-05T00:00:00Z'))).toBe(true);
    expect(await intros().isOptedIn(tenant, 'U2')).toBe(false);
  });

  it('finds who is interested, records an introduction once per member set, and forgets it', async () => {
    const subs = storage().backend.stores.subscriptions;
    await subs.addInterest('slack', 'T1', 'U3', 'q2', 'd:1', at('2026-01-02T00:00:00Z'));
    await subs.addInterest('slack', 'T1', 'U1', 'q1', 'd:1', at('2026-01-03T00:00:00Z'));
    await subs.addInterest('slack', 'T2', 'U9', 'q1', 'd:1', at('2026-01-01T00:00:00Z'));
    expect(await intros().interestedIn(tenant, ['q1', 'q2'])).toEqual(['U3', 'U1']);
    await intros().setChannel(tenant, 'C1', 'U1', at('2026-01-02T00:00:00Z'));
    await intros().setChannel(tenant, 'C2', 'U1', at('2026-01-03T00:00:00Z'));
    expect(await intros().channel(tenant)).toBe('C2');
    const introduction = {
      ...tenant,
      topic: 'q1',
      members: ['U1', 'U3', 'U1'],
      requestedBy: 'U1',
      createdAt: at('2026-01-04T00:00:00Z'),
    };
    const id = await intros().record(introduction);
    expect(id).toBeTypeOf('number');
    expect(await intros().record({ ...introduction, members: ['U3', 'U1'] })).toBeUndefined();
    expect(await intros().introducedWith(tenant, 'q1', 'U1')).toEqual(new Set(['U3']));
    expect(await intros().introducedWith(tenant, 'q2', 'U1')).toEqual(new Set());
    await intros().forget(id ?? 0);
    expect(await intros().introducedWith(tenant, 'q1', 'U1')).toEqual(new Set());
  });

  it('answers a message once, and forgets messages older than the redelivery window', async () => {
    const ledger = storage().backend.stores.inlineReplies;
    const message = { platform: 'slack', tenantId: 'T1', channelId: 'C1', messageId: '1.1' } as const;
    expect(await ledger.claim(message, at('2026-01-01T00:00:00Z'))).toBe(true);
    expect(await ledger.claim(message, at('2026-01-01T00:05:00Z'))).toBe(false);
    expect(await ledger.claim({ ...message, messageId: '1.2' }, at('2026-01-01T00:05:00Z'))).toBe(true);
    expect(await ledger.claim(message, at('2026-03-01T00:00:00Z'))).toBe(true);
  });
});
