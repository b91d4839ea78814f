/**
 * The ledger's claims, fences and planner lease (issue 12) on the real SQLite repository:
 * what two processes sharing one database see, with a manual clock.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlannedDelivery } from '../../src/core/jobs/deliveries.js';
import { Pacer } from '../../src/core/jobs/pacer.js';
import { ephemeralText } from '../../src/core/message.js';
import type { Destination } from '../../src/core/ports.js';
import { migrate, openDatabase } from '../../src/persistence/db.js';
import { DeliveriesRepository } from '../../src/persistence/deliveries-repository.js';
import { MIGRATIONS } from '../../src/persistence/migrations/index.js';

const at = (iso: string): Date => new Date(iso);
const channel = (channelId: string): Destination => ({
  kind: 'channel',
  conversation: { platform: 'slack', tenantId: 'T1', channelId },
});
const delivery = (key: string, channelId = 'C1'): PlannedDelivery => ({
  key,
  destination: channel(channelId),
  reply: ephemeralText(key),
  dueAt: at('2024-03-04T09:00:00Z'),
});
const MINUTE = 60_000;

describe('claims on the deliveries ledger', () => {
  let store: DeliveriesRepository;
  beforeEach(() => {
    store = new DeliveriesRepository(openDatabase(':memory:'));
    for (const key of ['a', 'b', 'c']) store.plan(delivery(key), at('2024-03-04T09:00:00Z'));
  });

  it('gives each due delivery to one holder only, oldest first, and only on its platforms', () => {
    const now = at('2024-03-04T09:00:10Z');
    expect(store.claim('A', ['discord'], now, MINUTE, 10)).toEqual([]);
    expect(store.claim('A', ['slack'], now, MINUTE, 2).map((r) => r.key)).toEqual(['a', 'b']);
    expect(store.claim('B', ['slack'], now, MINUTE, 10).map((r) => r.key)).toEqual(['c']);
    expect(store.claim('B', ['slack'], now, MINUTE, 10)).toEqual([]);
    expect(store.claimKey('a', 'B', now, MINUTE)).toBeUndefined();
  });

  it('fences every write once the lease ran out and another holder took the delivery over', () => {
    store.claim('A', ['slack'], at('2024-03-04T09:00:10Z'), MINUTE, 1);
    expect(store.recordAttempt('a', 'A', at('2024-03-04T09:00:11Z'))).toBe(1);
    const later = at('2024-03-04T09:01:30Z');
    expect(store.claimKey('a', 'B', later, MINUTE)?.attempts).toBe(1);
    const posted = { conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' }, messageId: '1.1' } as const;
    expect(store.markSent('a', 'A', posted, later)).toBe(false);
    expect(store.recordAttempt('a', 'A', later)).toBeUndefined();
    expect(store.finish('a', 'A', 'failed', 'x', later)).toBe(false);
    expect(store.markSent('a', 'B', posted, later)).toBe(true);
    expect(store.get('a')?.state).toBe('sent');
  });

  it('a 429 gives the attempt back and makes the row claimable again at Retry-After', () => {
    store.claim('A', ['slack'], at('2024-03-04T09:00:10Z'), MINUTE, 3);
    store.recordAttempt('a', 'A', at('2024-03-04T09:00:11Z'));
    const retry = { at: at('2024-03-04T09:00:13Z'), reason: 'rate limited', uncount: true };
    expect(store.retryLater('a', 'A', retry, at('2024-03-04T09:00:11Z'))).toBe(true);
    expect(store.get('a')?.attempts).toBe(0);
    expect(store.nextDueAt(['slack'])?.toISOString()).toBe('2024-03-04T09:00:13.000Z');
    expect(store.claim('B', ['slack'], at('2024-03-04T09:00:12Z'), MINUTE, 3)).toEqual([]);
    expect(store.claim('B', ['slack'], at('2024-03-04T09:00:13Z'), MINUTE, 3).map((r) => r.key)).toEqual(['a']);
  });
});

describe('the planner lease row', () => {
  it('is held by one process, renewed by it, and taken over only after it runs out', () => {
    const store = new DeliveriesRepository(openDatabase(':memory:'));
    const results = [
      store.acquireLease('sweeper', 'A', at('2024-03-04T09:00:00Z'), 2 * MINUTE),
      store.acquireLease('sweeper', 'B', at('2024-03-04T09:01:00Z'), 2 * MINUTE),
      store.acquireLease('sweeper', 'A', at('2024-03-04T09:01:30Z'), 2 * MINUTE),
      store.acquireLease('sweeper', 'B', at('2024-03-04T09:03:00Z'), 2 * MINUTE),
      store.acquireLease('sweeper', 'B', at('2024-03-04T09:03:31Z'), 2 * MINUTE),
    ];
    expect(results).toEqual([true, false, true, false, true]);
  });
});

describe('migrations', () => {
  it('a second process finds the schema current and applies nothing', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(migrate(db, MIGRATIONS)).toBe(0);
  });
});

describe('Pacer', () => {
  it('spaces posts to one channel, lets other channels go at once, and blocks only the refused channel', () => {
    const pacer = new Pacer();
    const pacing = { conversationIntervalMs: 1000, tenantPerSecond: 100 };
    expect(pacer.reserve(pacing, channel('C1'), 0)).toBe(0);
    expect(pacer.reserve(pacing, channel('C1'), 0)).toBe(1200);
    // Two posts hold the workspace's first two slots at 100/s (10.5 ms each, margin included): the third at 21 ms.
    expect(pacer.reserve(pacing, channel('C2'), 0)).toBe(21);
    pacer.block(channel('C3'), 5000);
    expect(pacer.delay(pacing, channel('C3'), 100)).toBe(4900);
    expect(pacer.delay(pacing, channel('C4'), 100)).toBe(0);
    expect(pacer.delay(undefined, channel('C3'), 100)).toBe(0);
  });
});
