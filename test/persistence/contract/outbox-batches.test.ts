/**
 * The batch writes the outbox group-commits, on every backend: many posts marked sent, and many posts' threads
 * recorded, in one call each. Each must do exactly what its one-at-a-time counterpart does, fence included.
 */
import { expect, it } from 'vitest';
import { describeEachBackend, freshStorage } from './backends.js';
import { at, delivery, MINUTE, planThree, posted } from './delivery-fixtures.js';

describeEachBackend("the outbox's batch writes", (backend) => {
  const storage = freshStorage(backend);
  const store = () => storage().backend.stores.deliveries;

  it('marks several posts sent in one call, each with its own message and release, fenced by the claim', async () => {
    await planThree(store());
    await store().claimKey('a', 'A', at('2024-03-04T09:00:10Z'), MINUTE);
    await store().claimKey('b', 'A', at('2024-03-04T09:00:10Z'), MINUTE);
    await store().claimKey('c', 'B', at('2024-03-04T09:00:10Z'), MINUTE);
    const inThread = {
      conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C2' },
      messageId: '2.2',
    } as const;
    const marked = await store().markSentAll(
      [
        { key: 'a', posted, release: true },
        { key: 'b', posted: inThread, release: false },
        { key: 'c', posted, release: true },
      ],
      'A',
      at('2024-03-04T09:00:11Z'),
    );
    expect(marked).toEqual(new Set(['a', 'b']));
    expect(await store().get('a')).toMatchObject({ state: 'sent', posted });
    expect(await store().get('b')).toMatchObject({ state: 'sent', posted: inThread });
    // `a` gave its claim up with the mark; `b` kept it (a thread still to open); `c` is B's, untouched.
    expect((await store().claimKey('a', 'B', at('2024-03-04T09:00:12Z'), MINUTE))?.key).toBe('a');
    expect(await store().claimKey('b', 'B', at('2024-03-04T09:00:12Z'), MINUTE)).toBeUndefined();
    expect((await store().get('c'))?.state).toBe('pending');
    expect((await store().get('c'))?.posted).toBeUndefined();
    expect(await store().markSentAll([], 'A', at('2024-03-04T09:00:12Z'))).toEqual(new Set());
  });

  it('records the threads of several posts in one call, each as recordThread would', async () => {
    const now = at('2024-03-04T09:00:20Z');
    const thread = (key: string) => ({ platform: 'slack', tenantId: 'T1', channelId: 'C1', threadId: key }) as const;
    const opened = (key: string) => ({
      state: 'opened' as const,
      thread: thread(key),
      firstMessage: {
        ...delivery(`${key}:thread`),
        destination: { kind: 'channel', conversation: thread(key) } as const,
      },
    });
    for (const key of ['a', 'b', 'c', 'd', 'd:thread']) await store().plan(delivery(key), now);
    for (const key of ['a', 'b', 'd']) await store().claimKey(key, 'A', now, MINUTE);
    await store().claimKey('c', 'B', now, MINUTE);
    await store().claimKey('d:thread', 'B', now, MINUTE);
    const recorded = await store().recordThreads(
      [
        { key: 'a', opening: opened('a') },
        { key: 'b', opening: { state: 'unavailable' } },
        { key: 'c', opening: opened('c') },
        { key: 'd', opening: opened('d') },
      ],
      'A',
      now,
      MINUTE,
    );
    // `c` is B's: absent, and no first message planned for it. `d:thread` is held by B: `d` is marked, without it.
    expect([...recorded.keys()].sort()).toEqual(['a', 'b', 'd']);
    expect(recorded.get('a')?.firstMessage).toMatchObject({ key: 'a:thread', state: 'pending', attempts: 0 });
    expect(recorded.get('a')?.firstMessage?.destination).toEqual({ kind: 'channel', conversation: thread('a') });
    expect(recorded.get('b')).toEqual({ marked: true });
    expect(recorded.get('d')).toEqual({ marked: true });
    expect(await store().get('a')).toMatchObject({ threadState: 'opened', threadConversation: thread('a') });
    expect(await store().get('b')).toMatchObject({ threadState: 'unavailable' });
    expect(await store().get('c')).toMatchObject({ threadState: 'none' });
    expect(await store().get('c:thread')).toBeUndefined();
    expect(await store().claimKey('a:thread', 'B', at('2024-03-04T09:01:00Z'), MINUTE)).toBeUndefined();
    expect(await store().recordThreads([], 'A', now, MINUTE)).toEqual(new Map());
  });
});
