import { afterEach, describe, expect, it } from 'vitest';
import type { Destination } from '../../../src/core/ports.js';
import type { Reply } from '../../../src/core/message.js';
import { grant, startOAuthWorld, type OAuthWorld } from './oauth-harness.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const card: Reply = { visibility: 'channel', summary: 'A question', blocks: [{ kind: 'text', spans: ['A question'] }] };
const lab: Destination = { kind: 'channel', conversation: { platform: 'slack', tenantId: 'TA', channelId: 'CTA1' } };
// The fake's first message ts is 1700000001 (2023-11-14T22:13:21Z); 22:00:00Z is 1699999200.
const SINCE = new Date('2023-11-14T22:00:00Z');

async function installed(): Promise<OAuthWorld> {
  const w = await startOAuthWorld();
  await w.install(grant('TA'));
  return w;
}

describe("Slack OAuth mode: finding a post again within a distributed app's history limits", () => {
  it('reads at most 15 messages, in one request, from the given time on', async () => {
    world = await installed();
    await world.running.delivery.post(lab, card, 'digest:1:2024-W10');
    for (let i = 0; i < 10; i += 1) await world.running.delivery.post(lab, card, `chatter:${i}`);
    const found = await world.running.delivery.findPosted(lab, 'digest:1:2024-W10', SINCE);
    expect(found?.messageId).toBe(world.slack.messages[0]?.ts);
    const pages = world.slack.callsTo('conversations.history');
    expect(pages.map((p) => [p.args.limit, p.args.oldest, p.args.cursor])).toEqual([['15', '1699999200', undefined]]);
  });

  it('treats a 429 as "try later", never as "not posted", and does not retry it itself', async () => {
    world = await installed();
    world.slack.rateLimitNext('conversations.history', 0, 3);
    await expect(world.running.delivery.findPosted(lab, 'digest:1:2024-W10', SINCE)).rejects.toMatchObject({
      reason: 'rate-limited',
    });
    // One request: the outbox waits for Retry-After, not the client (a second one would be refused anyway).
    expect(world.slack.callsTo('conversations.history')).toHaveLength(1);
    expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('says "try later" when more than one page of history has come since then', async () => {
    world = await installed();
    await world.running.delivery.post(lab, card, 'digest:1:2024-W10');
    for (let i = 0; i < 20; i += 1) await world.running.delivery.post(lab, card, `chatter:${i}`);
    await expect(world.running.delivery.findPosted(lab, 'digest:1:2024-W10', SINCE)).rejects.toMatchObject({
      code: 'history_incomplete',
      permanent: false,
    });
    expect(world.slack.callsTo('conversations.history')).toHaveLength(1);
  });
});
