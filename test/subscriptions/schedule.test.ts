import { describe, expect, it } from 'vitest';
import { digestEnv, plain } from '../helpers/digest.js';

// 2024-03-04 is a Monday. Default subscription: Mondays 09:00 UTC, whole agenda, agenda order.
describe('the weekly sweep', () => {
  it('posts once when due, with the card and its discussion thread, and not again that week', async () => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z' });
    await env.run('subscribe');
    await env.sweeper.sweep();
    expect(env.port.posts).toHaveLength(0);

    env.clock.set('2024-03-04T09:00:00Z');
    await env.sweeper.sweep();
    await env.sweeper.sweep();
    expect(env.port.posts.map((p) => p.key)).toEqual(['digest:1:2024-W10', 'digest:1:2024-W10:thread']);
    const card = env.port.posts[0];
    expect(card?.conversation.channelId).toBe('dm:U1');
    expect(card?.reply.visibility).toBe('channel');
    const text = plain(card?.reply ?? { visibility: 'channel', summary: '', blocks: [] });
    expect(text).toContain('2.1-q1');
    expect(text).toContain('Origin: From the paper, §2.1.1');
    expect(text).toContain('Challenge: 2.1 How in-context learning works is not understood');
    expect(text).toContain('Category: 2 Scientific understanding of LLMs');
    expect(text).toContain('[Interested] [Another question]');
    expect(text).toContain('https://arxiv.org/pdf/2404.09932v2#subsubsection.2.1.1');
    expect(env.port.threads.map((t) => t.message.messageId)).toEqual(['m1']);
    expect(env.port.posts[1]?.conversation.threadId).toBe('m1');
  });

  it('next week brings the next question in agenda order (subsection by subsection)', async () => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z' });
    await env.run('subscribe');
    for (const at of ['2024-03-04T09:00:00Z', '2024-03-11T09:00:00Z', '2024-03-18T09:00:00Z']) {
      env.clock.set(at);
      await env.sweeper.sweep();
    }
    const cards = env.port.posts.filter((p) => !p.key.endsWith(':thread'));
    expect(cards.map((p) => p.key)).toEqual(['digest:1:2024-W10', 'digest:1:2024-W11', 'digest:1:2024-W12']);
    expect(cards.map((p) => p.reply.blocks.find((b) => b.kind === 'list'))).toMatchObject([
      { items: [{ id: '2.1-q1', origin: 'paper' }] },
      { items: [{ id: '2.1.1-p1', origin: 'prompt' }] },
      { items: [{ id: '2.1.1-p2', origin: 'prompt' }] },
    ]);
  });

  it('a post that fell due during downtime is made once at start-up when less than the catch-up window old', async () => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z', catchupHours: 24 });
    await env.run('subscribe');
    env.clock.set('2024-03-05T08:59:00Z'); // down for almost 24 hours
    await (await env.restart()).sweeper.sweep();
    expect(env.port.postsIn('dm:U1').map((p) => p.key)).toEqual(['digest:1:2024-W10']);
    const subscription = await env.services.subscriptions.byId(1);
    expect(subscription?.nextDueAt.toISOString()).toBe('2024-03-11T09:00:00.000Z');
  });

  it('an older missed post is skipped with a log line, and there is never a backlog', async () => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z', catchupHours: 24 });
    await env.run('subscribe');
    env.clock.set('2024-03-27T10:00:00Z'); // three weekly posts missed, the last 2 days ago
    const restarted = await env.restart();
    await restarted.sweeper.sweep();
    expect(env.port.posts).toHaveLength(0);
    expect((await env.services.deliveries.get('digest:1:2024-W13'))?.state).toBe('skipped');
    expect(
      restarted.logger.records.filter((r) => r.message === 'skipped a weekly question missed while the bot was down'),
    ).toHaveLength(1);
    expect((await env.services.subscriptions.byId(1))?.nextDueAt.toISOString()).toBe('2024-04-01T09:00:00.000Z');
    env.clock.set('2024-04-01T09:00:00Z');
    await restarted.sweeper.sweep();
    expect(env.port.postsIn('dm:U1').map((p) => p.key)).toEqual(['digest:1:2024-W14']);
    // The skipped weeks did not consume questions: the first post is still the agenda's first question.
    expect(env.port.posts[0]?.reply.summary).toContain('2.1-q1');
  });

  it('posts at the first valid instant after a spring-forward gap, and once on a fall-back day', async () => {
    const env = await digestEnv({ now: '2024-03-01T00:00:00Z' });
    await env.run('subscribe day=sun time=02:30 tz=America/New_York');
    env.clock.set('2024-03-10T06:59:00Z');
    await env.sweeper.sweep();
    expect(env.port.posts).toHaveLength(0);
    env.clock.set('2024-03-10T07:00:00Z'); // 03:00 EDT, right after the gap
    await env.sweeper.sweep();
    expect(env.port.postsIn('dm:U1').map((p) => p.key)).toEqual(['digest:1:2024-W10']);

    const fall = await digestEnv({ now: '2024-10-28T00:00:00Z' });
    await fall.run('subscribe day=sun time=01:30 tz=America/New_York');
    for (const at of ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z', '2024-11-03T07:00:00Z']) {
      fall.clock.set(at); // 01:30 EDT, then 01:30 EST again
      await fall.sweeper.sweep();
    }
    expect(fall.port.postsIn('dm:U1').map((p) => p.key)).toEqual(['digest:1:2024-W44']);
  });

  it('a paused subscription posts nothing; resuming does not make up missed weeks', async () => {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z' });
    await env.run('subscribe');
    await env.run('pause 1');
    env.clock.set('2024-03-11T10:00:00Z');
    await env.sweeper.sweep();
    expect(env.port.posts).toHaveLength(0);
    const resumed = plain(await env.run('resume 1'));
    expect(resumed).toContain('Next post: 2024-03-18 09:00 UTC');
    await env.sweeper.sweep();
    expect(env.port.posts).toHaveLength(0);
  });
});
