/**
 * The deliveries ledger on every backend: planning, claims, fences, retries, the planner lease, and two
 * processes claiming from one database at once.
 */
import { expect, it } from 'vitest';
import { ephemeralText } from '../../../src/core/message.js';
import { describeEachBackend, freshStorage } from './backends.js';
import { at, delivery, MINUTE, planThree, posted } from './delivery-fixtures.js';

describeEachBackend('the deliveries ledger', (backend) => {
  const storage = freshStorage(backend);
  const store = () => storage().backend.stores.deliveries;

  it('plans a key once and reads it back as planned', async () => {
    const planned = { ...delivery('k'), thread: { name: 'Discuss', reply: ephemeralText('first') } };
    expect(await store().plan(planned, at('2024-03-04T08:00:00Z'))).toBe(true);
    expect(await store().plan(delivery('k'), at('2024-03-04T08:00:00Z'))).toBe(false);
    expect(await store().recordSkipped(delivery('k'), 'late', at('2024-03-04T08:00:00Z'))).toBe(false);
    const record = await store().get('k');
    expect(record).toMatchObject({
      key: 'k',
      platform: 'slack',
      tenantId: 'T1',
      state: 'pending',
      attempts: 0,
      threadState: 'wanted',
      thread: { name: 'Discuss' },
    });
    expect(record?.dueAt.toISOString()).toBe('2024-03-04T09:00:00.000Z');
    expect(record?.reply).toEqual(ephemeralText('k'));
    expect(await store().get('missing')).toBeUndefined();
  });

  it('gives each due delivery to one holder only, oldest first, and only on its platforms', async () => {
    await store().plan(delivery('late', '2024-03-04T09:00:05Z'), at('2024-03-04T09:00:00Z'));
    await planThree(store());
    const now = at('2024-03-04T09:00:10Z');
    expect(await store().claim('A', ['discord'], now, MINUTE, 10)).toEqual([]);
    expect((await store().claim('A', ['slack'], now, MINUTE, 2)).map((r) => r.key)).toEqual(['a', 'b']);
    expect((await store().claim('B', ['slack'], now, MINUTE, 10)).map((r) => r.key)).toEqual(['c', 'late']);
    expect(await store().claim('B', ['slack'], now, MINUTE, 10)).toEqual([]);
    expect(await store().claimKey('a', 'B', now, MINUTE)).toBeUndefined();
    expect((await store().claimKey('a', 'A', now, MINUTE))?.key).toBe('a');
  });

  it('fences every write once the lease ran out and another holder took the delivery over', async () => {
    await planThree(store());
    await store().claim('A', ['slack'], at('2024-03-04T09:00:10Z'), MINUTE, 1);
    expect(await store().recordAttempt('a', 'A', at('2024-03-04T09:00:11Z'))).toBe(1);
    const later = at('2024-03-04T09:01:30Z');
    expect((await store().claimKey('a', 'B', later, MINUTE))?.attempts).toBe(1);
    expect(await store().markSent('a', 'A', posted, later)).toBe(false);
    expect(await store().recordAttempt('a', 'A', later)).toBeUndefined();
    expect(await store().finish('a', 'A', 'failed', 'x', later)).toBe(false);
    expect(await store().markThread('a', 'A', 'opened', undefined, later)).toBe(false);
    expect(await store().markSent('a', 'B', posted, later)).toBe(true);
    expect((await store().get('a'))?.posted).toEqual(posted);
    expect((await store().get('a'))?.state).toBe('sent');
  });

  it('counts attempts for several claimed keys at once, leaving out keys held by another', async () => {
    await planThree(store());
    await store().claimKey('a', 'A', at('2024-03-04T09:00:10Z'), MINUTE);
    await store().claimKey('b', 'A', at('2024-03-04T09:00:10Z'), MINUTE);
    await store().claimKey('c', 'B', at('2024-03-04T09:00:10Z'), MINUTE);
    await store().recordAttempt('b', 'A', at('2024-03-04T09:00:11Z'));
    const counted = await store().recordAttempts(['a', 'b', 'c'], 'A', at('2024-03-04T09:00:12Z'), MINUTE);
    expect(counted).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    expect((await store().get('c'))?.attempts).toBe(0);
  });

  it('gives the claim up with the sent mark when asked, and keeps it otherwise', async () => {
    await planThree(store());
    await store().claim('A', ['slack'], at('2024-03-04T09:00:10Z'), MINUTE, 2);
    expect(await store().markSent('a', 'A', posted, at('2024-03-04T09:00:11Z'), true)).toBe(true);
    expect(await store().markSent('b', 'A', posted, at('2024-03-04T09:00:11Z'))).toBe(true);
    expect((await store().claimKey('a', 'B', at('2024-03-04T09:00:12Z'), MINUTE))?.state).toBe('sent');
    expect(await store().claimKey('b', 'B', at('2024-03-04T09:00:12Z'), MINUTE)).toBeUndefined();
    expect(await store().markSent('c', 'A', posted, at('2024-03-04T09:00:12Z'), true)).toBe(false);
  });

  it('records an opened thread and plans its first message claimed, in one fenced step', async () => {
    const thread = { platform: 'slack', tenantId: 'T1', channelId: 'C1', threadId: '1.1' } as const;
    const first = { ...delivery('a:thread'), destination: { kind: 'channel', conversation: thread } as const };
    const opening = { state: 'opened', thread, firstMessage: first } as const;
    const now = at('2024-03-04T09:00:20Z');
    await store().plan({ ...delivery('a'), thread: { name: 'Discuss', reply: ephemeralText('first') } }, now);
    await store().claimKey('a', 'A', now, MINUTE);
    expect(await store().recordThread('a', 'B', opening, now, MINUTE)).toEqual({ marked: false });
    expect(await store().get('a:thread')).toBeUndefined();
    const recorded = await store().recordThread('a', 'A', opening, now, MINUTE);
    expect(recorded.marked).toBe(true);
    expect(recorded.firstMessage).toMatchObject({
      key: 'a:thread',
      state: 'pending',
      attempts: 0,
      threadState: 'none',
    });
    expect(recorded.firstMessage?.destination).toEqual({ kind: 'channel', conversation: thread });
    expect(await store().get('a')).toMatchObject({ threadState: 'opened', threadConversation: thread });
    // The post's claim went with it; the first message is A's until its lease runs out.
    expect((await store().claimKey('a', 'B', now, MINUTE))?.key).toBe('a');
    expect(await store().claimKey('a:thread', 'B', at('2024-03-04T09:01:00Z'), MINUTE)).toBeUndefined();
    expect(await store().recordAttempt('a:thread', 'A', now)).toBe(1);
  });

  it('records a thread the platform has none of without planning a message, and leaves a held one alone', async () => {
    const now = at('2024-03-04T09:00:20Z');
    for (const key of ['a', 'b', 'b:thread']) await store().plan(delivery(key), now);
    await store().claimKey('a', 'A', now, MINUTE);
    expect(await store().recordThread('a', 'A', { state: 'unavailable' }, now, MINUTE)).toEqual({ marked: true });
    expect(await store().get('a')).toMatchObject({ threadState: 'unavailable' });
    expect(await store().get('a:thread')).toBeUndefined();
    await store().claimKey('b', 'A', now, MINUTE);
    await store().claimKey('b:thread', 'B', now, MINUTE);
    const thread = { platform: 'slack', tenantId: 'T1', channelId: 'C1', threadId: '2.2' } as const;
    const first = { ...delivery('b:thread'), destination: { kind: 'channel', conversation: thread } as const };
    const recorded = await store().recordThread(
      'b',
      'A',
      { state: 'opened', thread, firstMessage: first },
      now,
      MINUTE,
    );
    expect(recorded).toEqual({ marked: true });
    expect(await store().recordAttempt('b:thread', 'B', now)).toBe(1);
  });

  it('gives a 429 attempt back and makes the row claimable again at Retry-After', async () => {
    await planThree(store());
    await store().claim('A', ['slack'], at('2024-03-04T09:00:10Z'), MINUTE, 3);
    await store().recordAttempt('a', 'A', at('2024-03-04T09:00:11Z'));
    const retry = { at: at('2024-03-04T09:00:13Z'), reason: 'rate limited', uncount: true };
    expect(await store().retryLater('a', 'A', retry, at('2024-03-04T09:00:11Z'))).toBe(true);
    expect((await store().get('a'))?.attempts).toBe(0);
    expect((await store().get('a'))?.reason).toBe('rate limited');
    expect((await store().nextDueAt(['slack']))?.toISOString()).toBe('2024-03-04T09:00:13.000Z');
    expect(await store().claim('B', ['slack'], at('2024-03-04T09:00:12Z'), MINUTE, 3)).toEqual([]);
    const claimed = await store().claim('B', ['slack'], at('2024-03-04T09:00:13Z'), MINUTE, 3);
    expect(claimed.map((r) => r.key)).toEqual(['a']);
  });

  it('finishes, reopens and cancels by a prefix that is never a pattern', async () => {
    for (const key of ['rg:1_%:a', 'rg:1_%:b', 'rg:12:a'])
      await store().plan(delivery(key), at('2024-03-04T09:00:00Z'));
    await store().claimKey('rg:1_%:a', 'A', at('2024-03-04T09:00:01Z'), MINUTE);
    expect(await store().finish('rg:1_%:a', 'A', 'failed', 'gone', at('2024-03-04T09:00:02Z'))).toBe(true);
    expect(await store().cancelPending('rg:1_%:', 'paused', at('2024-03-04T09:00:03Z'))).toBe(1);
    expect((await store().get('rg:1_%:b'))?.state).toBe('skipped');
    expect((await store().get('rg:12:a'))?.state).toBe('pending');
    expect(await store().reopen('rg:1_%:a', at('2024-03-04T10:00:00Z'))).toBe(true);
    expect(await store().get('rg:1_%:a')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await store().reopen('rg:12:a', at('2024-03-04T10:00:00Z'))).toBe(false);
  });

  it('keeps the planner lease with one process, renewed by it, taken over only after it runs out', async () => {
    const results = [];
    for (const [holder, iso] of [
      ['A', '2024-03-04T09:00:00Z'],
      ['B', '2024-03-04T09:01:00Z'],
      ['A', '2024-03-04T09:01:30Z'],
      ['B', '2024-03-04T09:03:00Z'],
      ['B', '2024-03-04T09:03:31Z'],
    ] as const) {
      results.push(await store().acquireLease('sweeper', holder, at(iso), 2 * MINUTE));
    }
    expect(results).toEqual([true, false, true, false, true]);
    await store().releaseLease('sweeper', 'B');
    expect(await store().acquireLease('sweeper', 'A', at('2024-03-04T09:03:32Z'), 2 * MINUTE)).toBe(true);
  });

  it('says whether anyone holds a lease: taken, run out, released', async () => {
    expect(await store().leaseHeld('planning', at('2024-03-04T09:00:00Z'))).toBe(false);
    expect(await store().acquireLease('planning', 'A', at('2024-03-04T09:00:00Z'), 2 * MINUTE)).toBe(true);
    expect(await store().leaseHeld('planning', at('2024-03-04T09:01:59Z'))).toBe(true);
    expect(await store().leaseHeld('sweeper', at('2024-03-04T09:01:59Z'))).toBe(false);
    expect(await store().leaseHeld('planning', at('2024-03-04T09:02:00Z'))).toBe(false);
    expect(await store().acquireLease('planning', 'A', at('2024-03-04T09:03:00Z'), 2 * MINUTE)).toBe(true);
    await store().releaseLease('planning', 'A');
    expect(await store().leaseHeld('planning', at('2024-03-04T09:03:01Z'))).toBe(false);
  });

  it('commits atomically() work, and rolls all of it back when the work throws', async () => {
    const { unitOfWork } = storage().backend;
    await unitOfWork.atomically(async (tx) => {
      await tx.deliveries.plan(delivery('kept'), at('2024-03-04T09:00:00Z'));
      await tx.deliveries.plan(delivery('kept too'), at('2024-03-04T09:00:00Z'));
    });
    const failing = unitOfWork.atomically(async (tx) => {
      await tx.deliveries.plan(delivery('dropped'), at('2024-03-04T09:00:00Z'));
      throw new Error('the work failed');
    });
    await expect(failing).rejects.toThrow('the work failed');
    expect((await store().get('kept'))?.state).toBe('pending');
    expect((await store().get('kept too'))?.state).toBe('pending');
    expect(await store().get('dropped')).toBeUndefined();
  });

  it('refuses the outer stores inside atomically(), and a transaction’s stores once it ended', async () => {
    const { unitOfWork, stores } = storage().backend;
    let escaped: typeof stores | undefined;
    const misuse = unitOfWork.atomically(async (tx) => {
      escaped = tx;
      await tx.deliveries.plan(delivery('inside'), at('2024-03-04T09:00:00Z'));
      await stores.deliveries.get('inside');
    });
    await expect(misuse).rejects.toThrow(/outer store was called inside atomically/u);
    expect(await store().get('inside')).toBeUndefined();
    await expect(escaped?.deliveries.get('inside')).rejects.toThrow(/after its transaction ended/u);
  });
});

describeEachBackend('two processes claiming from one database', (backend) => {
  const storage = freshStorage(backend, { shared: true });

  it('never give one delivery to both', async () => {
    const first = storage().backend.stores.deliveries;
    const second = (await storage().peer()).stores.deliveries;
    const keys = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    await storage().backend.unitOfWork.atomically(async (tx) => {
      for (const key of keys) await tx.deliveries.plan(delivery(key), at('2024-03-04T09:00:00Z'));
    });
    const now = at('2024-03-04T09:00:10Z');
    const claimAll = async (store: typeof first, holder: string) => {
      const mine: string[] = [];
      for (;;) {
        const batch = await store.claim(holder, ['slack'], now, MINUTE, 4);
        if (batch.length === 0) return mine;
        mine.push(...batch.map((r) => r.key));
      }
    };
    const [a, b] = await Promise.all([claimAll(first, 'A'), claimAll(second, 'B')]);
    expect([...a, ...b].sort()).toEqual(keys);
    expect(a.filter((key) => b.includes(key))).toEqual([]);
  });
});
