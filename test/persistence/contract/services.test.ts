/**
 * The whole core on every backend: weekly questions subscribed through the real dispatcher, planned and posted
 * by the real sweeper through a recording delivery port, with a crash and a restart in between. What reaches the
 * platform must not depend on the database: the same posts, once each, in the same rotation.
 */
import { expect, it } from 'vitest';
import type { FaultPoint } from '../../../src/core/jobs/outbox.js';
import { digestEnv } from '../../helpers/digest.js';
import { describeEachBackend, freshStorage } from './backends.js';

describeEachBackend('weekly questions through the core', (backend) => {
  const storage = freshStorage(backend);

  it('plans and posts each week once, with its thread, rotating through the agenda', async () => {
    const env = await digestEnv({ backend: storage().backend, now: '2024-03-04T08:00:00Z' });
    env.port.managers.add('T1:U1');
    expect((await env.run('subscribe #C9')).summary).toContain('Subscribed');
    env.clock.set('2024-03-04T09:00:00Z');
    await env.sweeper.sweep();
    await env.sweeper.sweep();
    env.clock.set('2024-03-11T09:00:00Z');
    await env.sweeper.sweep();
    expect(env.port.postsIn('C9').map((p) => p.key)).toEqual(['digest:1:2024-W10', 'digest:1:2024-W11']);
    expect(env.port.posts.filter((p) => p.key.endsWith(':thread'))).toHaveLength(2);
    const list = (key: string) =>
      env.port.posts.find((p) => p.key === key)?.reply.blocks.find((b) => b.kind === 'list');
    expect(list('digest:1:2024-W10')).toMatchObject({ items: [{ id: '2.1-q1' }] });
    expect(list('digest:1:2024-W11')).toMatchObject({ items: [{ id: '2.1.1-p1' }] });
  });

  it.each<FaultPoint>(['before-post', 'after-post', 'after-record'])(
    'posts once after a crash at %s and a restart on the same database',
    async (point) => {
      const first = await digestEnv({ backend: storage().backend, now: '2024-03-04T08:00:00Z' });
      first.port.managers.add('T1:U1');
      await first.run('subscribe #C9');
      first.clock.set('2024-03-04T09:00:30Z');
      let reached: () => void = () => undefined;
      const crashed = new Promise<void>((resolve) => (reached = resolve));
      let dead = false;
      const doomed = await first.restart((at) => {
        if (at === point) {
          dead = true;
          reached();
        }
        return dead ? new Promise<void>(() => undefined) : undefined;
      });
      void doomed.sweeper.sweep(); // frozen forever at the fault point: the process "died"
      await crashed;
      // The dead process's claims and planner lease run out before another process takes them over.
      first.clock.set('2024-03-04T09:06:00Z');
      const second = await first.restart();
      await second.sweeper.sweep();
      await second.sweeper.sweep();
      expect(first.port.posts.map((p) => p.key).sort()).toEqual(['digest:1:2024-W10', 'digest:1:2024-W10:thread']);
    },
  );
});
