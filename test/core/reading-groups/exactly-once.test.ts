import { describe, expect, it } from 'vitest';
import { createSweeper } from '../../../src/core/jobs/features.js';
import type { FaultPoint } from '../../../src/core/jobs/outbox.js';
import { scheduledFeatureOf } from '../../../src/core/features/declaration.js';
import { readingGroupPosts } from '../../../src/core/features/reading-groups/scheduled-posts.js';
import { makeWorld } from '../../helpers/reading-groups.js';

const readingGroupsScheduled = scheduledFeatureOf('reading-groups', readingGroupPosts);

class Crash extends Error {}

describe('reading-group posts are made exactly once across crashes', () => {
  const points: FaultPoint[] = ['before-post', 'after-post', 'after-record'];

  it.each(points)('a crash at %s, then a restart, gives one reminder and one session thread', async (point) => {
    const world = await makeWorld({ now: '2027-01-04T09:00:00Z' });
    await world.dispatcher.runText(
      'readinggroup',
      'create name:RG syllabus:2.1,2.2 day=thu time=17:00 tz=UTC start=2027-01-14',
      world.ctx('U1'),
    );
    for (const instant of ['2027-01-13T17:00:00Z', '2027-01-14T17:00:00Z']) {
      world.clock.set(instant);
      // The first process dies at the fault point of its first post; a fresh one takes over.
      let crashed = false;
      const dying = createSweeper(world.services, [readingGroupsScheduled], {
        inFlight: new Map(),
        fault: (at) => {
          if (at === point && !crashed) {
            crashed = true;
            throw new Crash(at);
          }
        },
      });
      await dying.sweep();
      expect(crashed).toBe(true);
      world.clock.advance(5 * 60_000);
      await createSweeper(world.services, [readingGroupsScheduled], { inFlight: new Map(), baseRetryMs: 1 }).sweep();
      world.clock.advance(5 * 60_000);
      await createSweeper(world.services, [readingGroupsScheduled], { inFlight: new Map(), baseRetryMs: 1 }).sweep();
    }
    expect(world.port.posts.map((p) => p.key)).toEqual([
      'rg:1:kickoff',
      'rg:1:1:reminder:2027-01-14',
      'rg:1:1:thread',
      'rg:1:1:thread:thread',
    ]);
    expect(world.port.threads).toHaveLength(1);
  });
});
