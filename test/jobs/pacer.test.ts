/**
 * The pacer's real-time guards (issue 12): a channel's next post counts from when the last one
 * really left, and a workspace never gets more than its rate within a second of real sends,
 * however late the posts planned for it wake up.
 */
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/core/jobs/pacer.js';
import type { Destination } from '../../src/core/ports.js';

const channel = (channelId: string): Destination => ({
  kind: 'channel',
  conversation: { platform: 'slack', tenantId: 'T1', channelId },
});

/** A wall clock that moves only when the pacer sleeps, and the waits it asked for. */
function manualWallClock(): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
  let at = 0;
  const waits: number[] = [];
  return {
    now: () => at,
    sleep: async (ms) => {
      waits.push(ms);
      at += ms;
    },
    waits,
  };
}

describe('Pacer, in real time', () => {
  it('counts a channel’s next slot from when its post left, with a 20% margin', () => {
    const pacer = new Pacer();
    const pacing = { conversationIntervalMs: 1000 };
    expect(pacer.reserve(pacing, channel('C1'), 0)).toBe(0);
    // The post left 300 ms late: the next one in C1 waits until 300 + 1200.
    pacer.sent(pacing, channel('C1'), 300);
    expect(pacer.conversationDelay(pacing, channel('C1'), 1000)).toBe(500);
    expect(pacer.conversationDelay(pacing, channel('C2'), 1000)).toBe(0);
  });

  it('lets at most the workspace rate leave within 1,050 ms, then waits for the oldest to age out', async () => {
    const clock = manualWallClock();
    const pacer = new Pacer(clock.now);
    const pacing = { tenantPerSecond: 3 };
    for (const id of ['C1', 'C2', 'C3']) await pacer.whenTenantHasRoom(pacing, channel(id), clock.sleep);
    expect(clock.waits).toEqual([]);
    await pacer.whenTenantHasRoom(pacing, channel('C4'), clock.sleep);
    // Three left at 0: the fourth goes when the first is 1,050 ms old.
    expect(clock.waits).toEqual([1050]);
    expect(clock.now()).toBe(1050);
  });

  it('keeps no count where the platform sets no workspace rate', async () => {
    const clock = manualWallClock();
    const pacer = new Pacer(clock.now);
    for (let i = 0; i < 10; i += 1) await pacer.whenTenantHasRoom({}, channel('C1'), clock.sleep);
    expect(clock.waits).toEqual([]);
  });
});
