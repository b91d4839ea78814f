import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sweeper } from '../../src/core/jobs/sweeper.js';
import { MemoryLogger } from '../../src/log.js';
import { startScheduler } from '../../src/scheduler.js';

const at = (iso: string): number => Date.parse(iso);

describe('startScheduler ticks', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function countingSweeper(): { sweeper: Sweeper; sweeps: () => number } {
    let sweeps = 0;
    const sweeper = {
      sweep: () => {
        sweeps += 1;
        return Promise.resolve();
      },
      stop: () => undefined,
      idle: () => Promise.resolve(),
    } as unknown as Sweeper;
    return { sweeper, sweeps: () => sweeps };
  }

  it('sweeps at once, then at the start of every minute, and not after stopping', async () => {
    vi.useFakeTimers({ now: at('2024-03-04T09:00:12.345Z') });
    const { sweeper, sweeps } = countingSweeper();
    const scheduler = startScheduler(sweeper, new MemoryLogger(), 60);
    expect(sweeps()).toBe(1);
    await vi.advanceTimersByTimeAsync(47_654); // 09:00:59.999
    expect(sweeps()).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // 09:01:00.000
    expect(sweeps()).toBe(2);
    await vi.advanceTimersByTimeAsync(120_000); // 09:03:00.000
    expect(sweeps()).toBe(4);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(sweeps()).toBe(4);
  });

  it('ticks on the multiples of SWEEP_EVERY_SECONDS', async () => {
    vi.useFakeTimers({ now: at('2024-03-04T09:00:12.345Z') });
    const { sweeper, sweeps } = countingSweeper();
    const scheduler = startScheduler(sweeper, new MemoryLogger(), 15);
    await vi.advanceTimersByTimeAsync(2_655); // 09:00:15
    expect(sweeps()).toBe(2);
    await vi.advanceTimersByTimeAsync(45_000); // 09:00:30, :45 and 09:01:00
    expect(sweeps()).toBe(5);
    await scheduler.stop();
  });
});
