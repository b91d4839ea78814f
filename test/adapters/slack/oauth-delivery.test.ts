import { afterEach, describe, expect, it } from 'vitest';
import { grant, startOAuthWorld, type OAuthWorld } from './oauth-harness.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('Slack OAuth mode: scheduled posts go out as in single-token mode', () => {
  it('leaves a 429 to the outbox: one call, then that channel waits for Retry-After', async () => {
    const w = await startOAuthWorld();
    world = w;
    await w.install(grant('TA'));
    expect((await w.command('TA', 'UADMINTA', 'subscribe <#CTA1|lab>')).reply).toContain('Subscribed');
    w.slack.rateLimitNext('chat.postMessage', 30, 3);
    w.env.clock.set('2024-03-04T09:00:00Z');
    await w.env.sweeper.sweep();
    // The client did not wait and try again by itself (Bolt's clients would, holding every call of the workspace).
    expect(w.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await w.env.services.deliveries.get('digest:1:2024-W10')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: new Date('2024-03-04T09:00:30Z'),
    });
  });

  it("keeps Slack's pace: a second apart in one channel, SLACK_POSTS_PER_SECOND per workspace", async () => {
    world = await startOAuthWorld({ SLACK_POSTS_PER_SECOND: '7' });
    expect(world.running.delivery.pacing).toEqual({ conversationIntervalMs: 1000, tenantPerSecond: 7 });
  });
});
