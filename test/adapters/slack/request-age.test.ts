/**
 * Slack's rule: refuse a request whose timestamp is more than five minutes from now, in
 * either direction (issue 10, item 5). Correctly signed requests from the future are
 * refused with 401 and logged once, for slash commands, buttons and events alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsPayload, sendSigned } from '../../fakes/slack/signed-requests.js';
import { Gate, testRegistry } from './test-registry.js';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(testRegistry(new Gate()));
});
afterAll(async () => {
  await h.close();
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const refusals = (): number =>
  h.logger.records.filter((r) => r.message.includes('more than 5 minutes from now')).length;

/** An Events API request Bolt answers by itself once verified: the URL check Slack sends first. */
function event(timestamp?: number) {
  // The fake's signed sender posts form fields; Bolt reads `type` from them as from JSON.
  const body = new URLSearchParams({
    type: 'url_verification',
    token: 'unused',
    challenge: 'challenge-4711',
  }).toString();
  return sendSigned(h.url, SIGNING_SECRET, body, timestamp === undefined ? {} : { timestamp });
}

const press = (timestamp?: number) =>
  h.interact(
    blockActionsPayload({
      actionId: 'ab:share',
      value: 'echo hi',
      responseUrl: h.slack.responseUrl(),
      channelId: 'C0GENERAL',
    }),
    timestamp === undefined ? {} : { timestamp },
  );

describe('requests too far from now', () => {
  it.each([
    ['six minutes ahead', 6 * 60],
    ['a day ahead', 24 * 60 * 60],
    ['six minutes old', -6 * 60],
  ])('refuses a slash command signed %s with 401, logged once, and runs nothing', async (_when, offset) => {
    const before = refusals();
    const sent = await h.command('echo from elsewhen', {}, { timestamp: nowSeconds() + offset });
    expect(sent.status).toBe(401);
    expect(refusals()).toBe(before + 1);
    const good = await h.command('echo now');
    await h.responseTo(good.responseId);
    expect(h.slack.responses.some((r) => r.id === sent.responseId)).toBe(false);
  });

  it('still serves a request four minutes ahead (clocks drift a little)', async () => {
    const sent = await h.command('echo close enough', {}, { timestamp: nowSeconds() + 4 * 60 });
    expect(sent.status).toBe(200);
    await h.responseTo(sent.responseId);
  });

  it('refuses a button press signed six minutes ahead, and serves one signed now', async () => {
    const before = refusals();
    expect((await press(nowSeconds() + 6 * 60)).status).toBe(401);
    expect(refusals()).toBe(before + 1);
    expect((await press()).status).toBe(200);
  });

  it('refuses an event signed a day ahead, and serves one signed now', async () => {
    const before = refusals();
    expect((await event(nowSeconds() + 24 * 60 * 60)).status).toBe(401);
    expect(refusals()).toBe(before + 1);
    const served = await event();
    expect(served.status).toBe(200);
    expect(served.body).toContain('challenge-4711');
  });
});
