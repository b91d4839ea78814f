import { describe, expect, it } from 'vitest';
import type { FaultPoint } from '../../src/core/jobs/outbox.js';
import { DeliveryError } from '../../src/core/ports.js';
import { digestEnv, plain } from '../helpers/digest.js';

describe('delivery problems', () => {
  it('a permanent error pauses the subscription, records why, and tells its owner once', async () => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z' });
    env.port.managers.add('T1:U1');
    await env.run('subscribe #C9');
    env.clock.set('2024-03-04T09:00:00Z');
    env.port.postFailures.push(
      new DeliveryError(
        'shell',
        'channel_not_found',
        'gone',
        'channel_not_found',
        'the channel was deleted or the bot cannot see it',
      ),
    );
    await env.sweeper.sweep();
    const subscription = await env.services.subscriptions.byId(1);
    expect(subscription?.paused).toBe(true);
    expect(subscription?.pausedReason).toBe('channel_not_found: the channel was deleted or the bot cannot see it');
    expect(env.port.posts.map((p) => [p.key, p.conversation.channelId])).toEqual([
      ['notice:digest:1:2024-W10', 'dm:U1'],
    ]);
    expect(plain(env.port.posts[0]?.reply ?? { visibility: 'channel', summary: '', blocks: [] })).toBe(
      'Your weekly research question (subscription 1) to the channel #C9 is paused: the channel was deleted or the bot cannot see it. When that is fixed, run /agenda resume 1.',
    );
    env.clock.set('2024-03-11T09:00:00Z');
    await env.sweeper.sweep();
    expect(env.port.posts).toHaveLength(1);
    expect(plain(await env.run('subscriptions'))).toContain(
      'Paused (channel_not_found: the channel was deleted or the bot cannot see it).',
    );

    // Fixed and resumed: it posts again from the next regular occurrence.
    expect((await env.run('resume 1')).summary).toBe('Resumed 1; next post: Monday 2024-03-18 09:00 (UTC).');
    env.clock.set('2024-03-18T09:00:00Z');
    await env.sweeper.sweep();
    expect(env.port.postsIn('C9').map((p) => p.key)).toEqual(['digest:1:2024-W12']);
  });

  it('transient errors are retried without pausing', async () => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z' });
    await env.run('subscribe');
    env.clock.set('2024-03-04T09:00:00Z');
    env.port.postFailures.push(new DeliveryError('shell', 'ratelimited', 'rate-limited', 'slow down'));
    await env.sweeper.sweep();
    expect(env.port.posts).toHaveLength(0);
    env.clock.set('2024-03-04T09:01:00Z');
    await env.sweeper.sweep();
    expect(env.port.postsIn('dm:U1').map((p) => p.key)).toEqual(['digest:1:2024-W10']);
    expect((await env.services.subscriptions.byId(1))?.paused).toBe(false);
  });
});

describe('exactly once across crashes (in-process simulation)', () => {
  it.each<FaultPoint>(['before-post', 'after-post', 'after-record'])(
    'a crash at %s, then a restart: one post per subscription and week',
    async (point) => {
      const first = await digestEnv({ now: '2024-03-04T08:00:00Z' });
      first.port.managers.add('T1:U1');
      await first.run('subscribe #C9');
      await first.run('subscribe #C8 in:4.5');
      first.clock.set('2024-03-04T09:00:30Z');
      let reached: () => void = () => undefined;
      const crashed = new Promise<void>((resolve) => (reached = resolve));
      // Deliveries run concurrently: once one reaches the point, the whole process is dead (every delivery stops).
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
      first.clock.set('2024-03-11T09:00:00Z');
      await (await first.restart()).sweeper.sweep();
      const keys = first.port.posts
        .map((p) => p.key)
        .filter((k) => !k.endsWith(':thread'))
        .sort();
      expect(keys).toEqual(['digest:1:2024-W10', 'digest:1:2024-W11', 'digest:2:2024-W10', 'digest:2:2024-W11']);
      expect(first.port.posts.filter((p) => p.key.endsWith(':thread'))).toHaveLength(4);
      // The rotation advanced once per week, not once per attempt.
      const list = (key: string) =>
        first.port.posts.find((p) => p.key === key)?.reply.blocks.find((b) => b.kind === 'list');
      expect(list('digest:1:2024-W10')).toMatchObject({ items: [{ id: '2.1-q1' }] });
      expect(list('digest:1:2024-W11')).toMatchObject({ items: [{ id: '2.1.1-p1' }] });
    },
  );
});

describe('unsubscribing or pausing while a post waits for a retry', () => {
  it.each(['unsubscribe 1', 'pause 1'])('%s: the waiting post never arrives', async (command) => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z' });
    await env.run('subscribe');
    await env.run('subscribe', { userId: 'U2' });
    env.clock.set('2024-03-04T09:00:00Z');
    env.port.postFailures.push(
      new DeliveryError('shell', 'ratelimited', 'rate-limited', 'slow down'),
      new DeliveryError('shell', 'ratelimited', 'rate-limited', 'slow down'),
    );
    await env.sweeper.sweep();
    expect(env.port.posts).toHaveLength(0);
    await env.run(command);
    env.clock.set('2024-03-04T09:05:00Z');
    await env.sweeper.sweep();
    expect((await env.services.deliveries.get('digest:1:2024-W10'))?.state).toBe('skipped');
    expect(env.port.posts.map((p) => p.key)).toEqual(['digest:2:2024-W10', 'digest:2:2024-W10:thread']);
  });
});
