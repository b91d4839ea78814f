/**
 * Weekly questions are planned in batches, one transaction each (a large fan-out is mostly round trips and
 * commits on a database server). One subscription's failure must cost only itself: its batch is planned again
 * one subscription at a time.
 */
import { describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../src/core/store.js';
import { digestKey } from '../../src/core/features/weekly-question/keys.js';
import type { NextDue } from '../../src/core/features/weekly-question/model.js';
import { planDueDigests } from '../../src/core/features/weekly-question/planner.js';
import { weekOf } from '../../src/core/time/weekly.js';
import { subscribeChannels } from '../helpers/due-subscriptions.js';
import { makeServices } from '../helpers/services.js';

const DUE = new Date('2026-01-05T09:00:00Z');

/**
 * A unit of work whose transactions refuse to move one subscription's due date, as a failing write would: alone
 * (`setNextDue`) or with others (`setNextDues`, which fails as a whole, as one statement would).
 */
function failingFor(store: UnitOfWork, failingId: number): UnitOfWork {
  return {
    atomically: (work) =>
      store.atomically((tx) =>
        work({
          ...tx,
          subscriptions: Object.assign(Object.create(tx.subscriptions) as typeof tx.subscriptions, {
            setNextDue: (id: number, at: Date) =>
              id === failingId ? Promise.reject(new Error('disk full')) : tx.subscriptions.setNextDue(id, at),
            setNextDues: (moves: readonly NextDue[]) =>
              moves.some((move) => move.id === failingId)
                ? Promise.reject(new Error('disk full'))
                : tx.subscriptions.setNextDues(moves),
          }),
        }),
      ),
  };
}

describe('planning weekly questions in batches', () => {
  it('plans every due subscription once, across several batches', async () => {
    const core = await makeServices();
    const ids = await subscribeChannels(core.services.subscriptions, 45, DUE);
    await planDueDigests(core.services, new Date('2026-01-05T09:00:30Z'));
    const week = weekOf(DUE, 'UTC');
    const planned = await Promise.all(ids.map((id) => core.services.deliveries.get(digestKey(id, week))));
    expect(planned.filter((record) => record?.state === 'pending')).toHaveLength(45);
    expect(await core.services.subscriptions.due(new Date('2026-01-05T09:00:30Z'))).toEqual([]);
  });

  it('one failing subscription: the others of its batch are still planned, and the failure is reported', async () => {
    const core = await makeServices();
    const ids = await subscribeChannels(core.services.subscriptions, 30, DUE);
    const failing = ids[6] as number;
    const services = { ...core.services, store: failingFor(core.services.store, failing) };
    await expect(planDueDigests(services, new Date('2026-01-05T09:00:30Z'))).rejects.toThrow('disk full');
    const week = weekOf(DUE, 'UTC');
    const states = await Promise.all(
      ids.map(async (id) => (await core.services.deliveries.get(digestKey(id, week)))?.state),
    );
    expect(states.filter((state) => state === 'pending')).toHaveLength(29);
    expect(states[6]).toBeUndefined();
    const stillDue = await core.services.subscriptions.due(new Date('2026-01-05T09:00:30Z'));
    expect(stillDue.map((s) => s.id)).toEqual([failing]);
  });
});
