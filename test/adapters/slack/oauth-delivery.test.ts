import { afterEach, describe, expect, it } from 'vitest';
import { appHomeOpened } from '../../fakes/slack/signed-requests.js';
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

  it('posts with the token another process stored at a reinstall, once the cached one is refused', async () => {
    const w = await startOAuthWorld();
    world = w;
    await w.install(grant('TA', 'xoxb-TA-first-secret'));
    expect((await w.command('TA', 'UADMINTA', 'subscribe <#CTA1|lab>')).reply).toContain('Subscribed');
    w.env.clock.set('2024-03-04T09:00:00Z');
    await w.env.sweeper.sweep();
    // The card and its thread's first message.
    expect(w.slack.callsTo('chat.postMessage').map((c) => c.token)).toEqual([
      'xoxb-TA-first-secret',
      'xoxb-TA-first-secret',
    ]);
    reinstalledElsewhere(w, 'TA', 'xoxb-TA-second-secret');
    w.slack.failNext('chat.postMessage', 'token_revoked');
    w.env.clock.set('2024-03-11T09:00:00Z');
    await w.env.sweeper.sweep();
    // The card refused with the old token, then posted with the new one; its thread's message with the new one.
    expect(
      w.slack
        .callsTo('chat.postMessage')
        .slice(2)
        .map((c) => c.token),
    ).toEqual(['xoxb-TA-first-secret', 'xoxb-TA-second-secret', 'xoxb-TA-second-secret']);
    expect(await w.env.services.deliveries.get('digest:1:2024-W11')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('redraws a Home tab with the token another process stored at a reinstall, once the cached one is refused', async () => {
    const w = await startOAuthWorld();
    world = w;
    await w.install(grant('TA', 'xoxb-TA-first-secret'));
    const publishTokens = () => w.slack.callsTo('views.publish').map((c) => c.token);
    expect(await w.event('TA', appHomeOpened('UADMINTA'))).toBe(200);
    await w.slack.until(() => publishTokens().length === 1);
    reinstalledElsewhere(w, 'TA', 'xoxb-TA-second-secret');
    w.slack.failNext('views.publish', 'token_revoked');
    expect(await w.event('TA', appHomeOpened('UADMINTA'))).toBe(200);
    await w.slack.until(() => publishTokens().length === 3);
    expect(publishTokens()).toEqual(['xoxb-TA-first-secret', 'xoxb-TA-first-secret', 'xoxb-TA-second-secret']);
  });

  it('reads history to reconcile with the token another process stored at a reinstall', async () => {
    const w = await startOAuthWorld();
    world = w;
    await w.install(grant('TA', 'xoxb-TA-first-secret'));
    const lab = { kind: 'channel', conversation: { platform: 'slack', tenantId: 'TA', channelId: 'CTA1' } } as const;
    const findCard = () => w.running.delivery.findPosted(lab, 'digest:1:2024-W10', new Date('2024-03-04T00:00:00Z'));
    expect(await findCard()).toBeNull();
    reinstalledElsewhere(w, 'TA', 'xoxb-TA-second-secret');
    w.slack.failNext('conversations.history', 'token_revoked');
    expect(await findCard()).toBeNull();
    expect(w.slack.callsTo('conversations.history').map((c) => c.token)).toEqual([
      'xoxb-TA-first-secret',
      'xoxb-TA-first-secret',
      'xoxb-TA-second-secret',
    ]);
  });

  it("keeps Slack's pace: a second apart in one channel, SLACK_POSTS_PER_SECOND per workspace", async () => {
    world = await startOAuthWorld({ SLACK_POSTS_PER_SECOND: '7' });
    expect(world.running.delivery.pacing).toEqual({ conversationIntervalMs: 1000, tenantPerSecond: 7 });
  });
});

/** A reinstall answered by another process: the row now holds a new token; this process never heard of it. */
function reinstalledElsewhere(w: OAuthWorld, team: string, token: string): void {
  const stored = w.installations.find(`team:${team}`);
  if (stored === undefined) throw new Error(`${team} is not installed`);
  const installation = JSON.parse(stored.installation) as { bot: { token: string } };
  installation.bot.token = token;
  w.installations.save({ ...stored, installation: JSON.stringify(installation) }, new Date('2024-03-05T09:00:00Z'));
}
