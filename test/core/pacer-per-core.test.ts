/**
 * The posting pace belongs to a core, not to the Node process. Tests (and a simulated restart)
 * boot several cores in one process, each on its own manual clock set to the same instants: a
 * pace slot reserved by one core must not make another wait, or a sweep on a clock that stands
 * still gives up and posts nothing (the OAuth reinstall test lost its first weekly post that way).
 */
import { describe, expect, it } from 'vitest';
import type { Pacing } from '../../src/core/ports.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';
import { digestEnv } from '../helpers/digest.js';

/** A platform with a channel pace; 300 ms is longer than a sweep waits in place for a slot. */
class PacedPort extends MemoryDeliveryPort {
  readonly pacing: Pacing = { conversationIntervalMs: 300 };
}

async function firstSweepPosts(): Promise<string[]> {
  const env = await digestEnv({ now: '2024-03-04T08:00:00Z', port: new PacedPort() });
  env.port.managers.add('T1:U1');
  await env.run('subscribe #C9');
  env.clock.set('2024-03-04T09:00:00Z');
  await env.sweeper.sweep();
  return env.port.postsIn('C9').map((p) => p.key);
}

describe('the posting pace of a core', () => {
  it("starts free in a new core on the same clock instants: the second world's first sweep posts", async () => {
    expect(await firstSweepPosts()).toEqual(['digest:1:2024-W10']);
    expect(await firstSweepPosts()).toEqual(['digest:1:2024-W10']);
  });
});
