/**
 * Group-committed outbox writes: writes started in one turn share one commit, at most one commit is in flight (the
 * writes that arrive meanwhile go together next), a delivery whose claim is lost learns it, and a failed commit
 * fails each of its writes (none posts without its attempt counted) but not the next commit.
 */
import { describe, expect, it } from 'vitest';
import { GroupCommit, type Keyed } from '../../src/core/jobs/group-commit.js';
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

/** A commit the test finishes by hand, to hold it in flight. */
function heldCommits() {
  const commits: { keys: string[]; finish: (error?: Error) => void }[] = [];
  const commit = (items: readonly Keyed[]) =>
    new Promise<ReadonlyMap<string, string>>((resolve, reject) => {
      const keys = items.map((item) => item.key);
      commits.push({
        keys,
        finish: (error) => (error ? reject(error) : resolve(new Map(keys.map((key) => [key, `done ${key}`])))),
      });
    });
  return { commits, batch: new GroupCommit<Keyed, string>(commit) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('group-committed outbox writes', () => {
  it('commits the attempts recorded in one turn together, and tells a delivery whose claim is lost', async () => {
    const store = storeWith(['a', 'b', 'c']);
    store.claim('A', ['slack'], now, 60_000, 2);
    const commits: string[][] = [];
    const batch = new GroupCommit<Keyed, number>(async (items) => {
      const keys = items.map((item) => item.key);
      commits.push(keys);
      return store.recordAttempts(keys, 'A', now, 60_000);
    });
    const counted = await Promise.all([
      batch.write({ key: 'a' }),
      batch.write({ key: 'b' }),
      batch.write({ key: 'c' }),
    ]);
    expect(commits).toEqual([['a', 'b', 'c']]);
    // `c` was never claimed by A: no attempt counted for it.
    expect(counted).toEqual([1, 1, undefined]);
    expect(await batch.write({ key: 'a' })).toBe(2);
    expect(commits).toHaveLength(2);
    expect(store.get('c')?.attempts).toBe(0);
  });

  it('keeps one commit in flight; the writes that arrive meanwhile go together in the next', async () => {
    const { commits, batch } = heldCommits();
    const first = batch.write({ key: 'a' });
    await settle();
    const later = [batch.write({ key: 'b' }), batch.write({ key: 'c' })];
    await settle();
    const last = batch.write({ key: 'd' });
    await settle();
    expect(commits.map((c) => c.keys)).toEqual([['a']]);
    commits[0]?.finish();
    expect(await first).toBe('done a');
    await settle();
    expect(commits.map((c) => c.keys)).toEqual([['a'], ['b', 'c', 'd']]);
    commits[1]?.finish();
    expect(await Promise.all([...later, last])).toEqual(['done b', 'done c', 'done d']);
  });

  it('fails every write of a commit that fails, and still commits the writes after it', async () => {
    const { commits, batch } = heldCommits();
    const failing = [batch.write({ key: 'a' }), batch.write({ key: 'b' })];
    await settle();
    const next = batch.write({ key: 'c' });
    commits[0]?.finish(new Error('disk I/O error'));
    const results = await Promise.allSettled(failing);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await settle();
    expect(commits.map((c) => c.keys)).toEqual([['a', 'b'], ['c']]);
    commits[1]?.finish();
    expect(await next).toBe('done c');
  });
});
