/**
 * A batch of due subscriptions costs a few store calls, whatever its size: on a database server each call is a
 * round trip, and five a subscription made planning a thousand of them take seconds. These count the calls each
 * planning transaction makes (each batch method is one statement on PostgreSQL).
 */
import { describe, expect, it } from 'vitest';
import { planDueDigests } from '../../src/core/features/weekly-question/planner.js';
import { digestKey } from '../../src/core/features/weekly-question/keys.js';
import type { Stores, UnitOfWork } from '../../src/core/store.js';
import { weekOf } from '../../src/core/time/weekly.js';
import { subscribeChannels } from '../helpers/due-subscriptions.js';
import { makeServices } from '../helpers/services.js';

const DUE = new Date('2026-01-05T09:00:00Z');
const NOW = new Date('2026-01-05T09:00:30Z');

/** A unit of work that lists, per transaction, the store methods called through its `tx`. */
function counting(store: UnitOfWork, transactions: string[][]): UnitOfWork {
  const spy = <T extends object>(target: T, name: string, calls: string[]): T =>
    new Proxy(target, {
      get(object, method: string) {
        const value = (object as Record<string, unknown>)[method];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${method}`);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return {
    atomically: (work) =>
      store.atomically((tx) => {
        const calls: string[] = [];
        transactions.push(calls);
        const stores: Stores = {
          ...tx,
          deliveries: spy(tx.deliveries, 'deliveries', calls),
          subscriptions: spy(tx.subscriptions, 'subscriptions', calls),
        };
        return work(stores);
      }),
  };
}

const BATCH_CALLS = [
  'deliveries.existingKeys',
  'subscriptions.histories',
  'deliveries.planAll',
  'subscriptions.recordPosts',
  'subscriptions.setNextDues',
];

describe('the store calls planning makes', () => {
  it('five per batch of twenty, not five per subscription', async () => {
    const core = await makeServices();
    const ids = await subscribeChannels(core.services.subscriptions, 45, DUE);
    const transactions: string[][] = [];
    await planDueDigests({ ...core.services, store: counting(core.services.store, transactions) }, NOW);
    expect(transactions).toEqual([BATCH_CALLS, BATCH_CALLS, BATCH_CALLS]);
    const week = weekOf(DUE, 'UTC');
    const planned = await core.services.deliveries.existingKeys(ids.map((id) => digestKey(id, week)));
    expect(planned.size).toBe(45);
  });

  it('weeks missed long ago take the same five calls, recorded as skipped', async () => {
    const core = await makeServices();
    await subscribeChannels(core.services.subscriptions, 3, DUE, new Date('2025-12-01T09:00:00Z'));
    const transactions: string[][] = [];
    const later = new Date('2026-01-07T09:00:00Z');
    await planDueDigests({ ...core.services, store: counting(core.services.store, transactions) }, later);
    // existingKeys and histories are asked about no key or id: they return at once, with no statement.
    expect(transactions).toEqual([BATCH_CALLS]);
    const skipped = await core.services.deliveries.get(digestKey(1, weekOf(DUE, 'UTC')));
    expect(skipped).toMatchObject({
      state: 'skipped',
      reason: 'missed during downtime, older than the catch-up window',
    });
  });
});
