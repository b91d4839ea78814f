/**
 * The outbox's pool (`runPool`): how many items it keeps in flight. The planner's pool starts small (an
 * eighth while it plans) and must grow as soon as planning ends, not stay small until the ledger is empty.
 */
import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/core/jobs/fan-out.js';

/** A ledger of `total` items, each finished by hand, and the most that were ever in flight at once. */
function ledger(total: number) {
  let next = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const waiting: Array<() => void> = [];
  return {
    claim: (limit: number) => {
      const items = Array.from({ length: Math.min(limit, total - next) }, () => (next += 1));
      return Promise.resolve(items);
    },
    work: () =>
      new Promise<void>((resolve) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        waiting.push(() => {
          inFlight -= 1;
          resolve();
        });
      }),
    finishAll: () => waiting.splice(0).forEach((finish) => finish()),
    get mostInFlight() {
      return mostInFlight;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

/** A pool over `items` on a clock that each sleep moves 100 ms on; the concurrency is each test's own. */
function poolOver(items: ReturnType<typeof ledger>) {
  let clock = 0;
  return {
    claim: items.claim,
    nextDueAt: () => Promise.resolve(undefined),
    work: items.work,
    now: () => clock,
    sleep: () => {
      clock += 100;
      return Promise.resolve();
    },
    budgetMs: 60_000,
    stopping: () => false,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

describe('runPool', () => {
  it('reads its concurrency again before each claim, so the pool grows while it runs', async () => {
    const items = ledger(40);
    let planning = true;
    const done = runPool({
      ...poolOver(items),
      concurrency: () => (planning ? 2 : 16),
      expectMore: () => planning,
    });
    await settle();
    expect(items.inFlight).toBe(2);
    planning = false;
    items.finishAll();
    await settle();
    expect(items.inFlight).toBe(16);
    while (items.inFlight > 0) {
      items.finishAll();
      await settle();
    }
    expect(await done).toBe(40);
    expect(items.mostInFlight).toBe(16);
  });

  it('never has more in flight than its concurrency', async () => {
    const items = ledger(10);
    const done = runPool({ ...poolOver(items), concurrency: () => 3 });
    while ((await Promise.race([done.then(() => true), settle().then(() => false)])) === false) items.finishAll();
    expect(await done).toBe(10);
    expect(items.mostInFlight).toBe(3);
  });
});
