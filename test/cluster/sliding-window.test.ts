/**
 * The proxy's pace (`adapters/discord/proxy/sliding-window.ts`) on a clock the test moves: no more than the
 * limit in any second, never closer than the minimum gap, and time lost to a late event loop made up.
 */
import { describe, expect, it } from 'vitest';
import { paceFor, windowedRequests, type PaceClock } from '../../adapters/discord/proxy/sliding-window.js';

/** A clock that only moves when the pace sleeps or a request "takes" time. */
function testClock(): PaceClock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => void (now += ms),
    advance: (ms) => void (now += ms),
  };
}

function busiestSecond(times: readonly number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

async function send(count: number, clock: ReturnType<typeof testClock>, lateEvery = 0): Promise<number[]> {
  const left: number[] = [];
  const request = windowedRequests(
    paceFor(50),
    async () => {
      left.push(clock.now());
      // Every `lateEvery`th request the event loop comes back 40 ms late.
      if (lateEvery > 0 && left.length % lateEvery === 0) clock.advance(40);
      return new Response(null, { status: 204 });
    },
    clock,
  );
  for (let i = 0; i < count; i += 1) await request(`https://discord.test/api/v10/channels/${i}/messages`, {});
  return left;
}

describe('the proxy’s pace', () => {
  it('lets at most 45 of the bot’s 50 leave in any second, at least 20 ms apart', async () => {
    const left = await send(200, testClock());
    expect(busiestSecond(left)).toBe(45);
    const gaps = left.slice(1).map((t, i) => t - (left[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(20);
  });

  it('makes up for a late event loop: still 45 per second when every 20th turn comes 40 ms late', async () => {
    const clock = testClock();
    const left = await send(450, clock, 20);
    // 450 requests: 10 full windows of 45, the last leaving in the tenth second (evenly spaced: 10.3 s).
    expect(busiestSecond(left)).toBe(45);
    expect(left.at(-1)).toBeLessThan(10_000);
  });

  it('sends interaction answers and webhook edits at once, uncounted', async () => {
    const clock = testClock();
    const times: number[] = [];
    const request = windowedRequests(
      paceFor(50),
      async () => {
        times.push(clock.now());
        return new Response(null, { status: 204 });
      },
      clock,
    );
    for (let i = 0; i < 60; i += 1) await request(`https://discord.test/api/v10/webhooks/1/token-${i}`, {});
    expect(times.every((t) => t === 0)).toBe(true);
  });
});
