/**
 * Group-committed attempts (issue 12): deliveries started in one turn share one durable commit,
 * and a delivery whose claim is lost learns it, on the real SQLite repository.
 */
import { describe, expect, it } from 'vitest';
import { AttemptBatch } from '../../src/core/jobs/attempt-batch.js';
import { ephemeralText } from '../../src/core/message.js';
import { openDatabase } from '../../src/persistence/db.js';
import { DeliveriesRepository } from '../../src/persistence/deliveries-repository.js';

const due = new Date('2024-03-04T09:00:00Z');
const now = new Date('2024-03-04T09:00:10Z');

function storeWith(keys: readonly string[]): DeliveriesRepository {
  const store = new DeliveriesRepository(openDatabase(':memory:'));
  for (const key of keys) {
    const destination = {
      kind: 'channel',
      conversation: { platform: 'slack', tenantId: 'T1', channelId: key },
    } as const;
    store.plan({ key, destination, reply: ephemeralText(key), dueAt: due }, due);
  }
  return store;
}

describe('group-committed attempts', () => {
  it('commits the attempts recorded in one turn together, and tells a delivery whose claim is lost', async () => {
    const store = storeWith(['a', 'b', 'c']);
    store.claim('A', ['slack'], now, 60_000, 2);
    const commits: string[][] = [];
    const batch = new AttemptBatch(async (keys) => {
      commits.push([...keys]);
      return store.recordAttempts(keys, 'A', now, 60_000);
    });
    const counted = await Promise.all([batch.record('a'), batch.record('b'), batch.record('c')]);
    expect(commits).toEqual([['a', 'b', 'c']]);
    // `c` was never claimed by A: no attempt counted for it.
    expect(counted).toEqual([1, 1, undefined]);
    expect(await batch.record('a')).toBe(2);
    expect(commits).toHaveLength(2);
    expect(store.get('c')?.attempts).toBe(0);
  });

  it('fails every delivery of a commit that fails, so none posts without its attempt counted', async () => {
    const batch = new AttemptBatch(() => {
      throw new Error('disk I/O error');
    });
    const results = await Promise.allSettled([batch.record('a'), batch.record('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
