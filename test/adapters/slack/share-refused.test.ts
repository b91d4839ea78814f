/**
 * Share in a channel the bot cannot post in: the presser's card is not redrawn as
 * "Shared in the channel." (a claim of a post that failed); they get the reason instead.
 * Through the real Bolt, the real registry and the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../src/core/features/index.js';
import { blockActionsPayload } from '../../fakes/slack/signed-requests.js';
import { makeServices } from '../../helpers/services.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(registry, (await makeServices()).services);
});
afterAll(async () => {
  await h.close();
});

function share(value: string) {
  const responseUrl = h.slack.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const sent = h.interact(
    blockActionsPayload({ actionId: 'ab:share:0', value, responseUrl, channelId: 'C0PRIVATE', userId: 'U0SHARER' }),
  );
  return { id, sent };
}

describe('Share where the bot cannot post', () => {
  it('does not mark the card as shared, and says why', async () => {
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    const pressed = share('challenge 2.1');
    expect((await pressed.sent).status).toBe(200);
    await h.slack.until(() => h.slack.responses.some((r) => r.id === pressed.id));
    const answers = h.slack.responses.filter((r) => r.id === pressed.id).map((r) => JSON.stringify(r.body));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('I could not post there: I am not a member of this conversation.');
    expect(answers.join('')).not.toContain('Shared in the channel.');
  });

  it('marks the card as shared once the post is made', async () => {
    const pressed = share('challenge 2.1');
    await pressed.sent;
    await h.slack.until(() => h.slack.responses.some((r) => r.id === pressed.id));
    expect(JSON.stringify(h.slack.responses.find((r) => r.id === pressed.id)?.body)).toContain(
      'Shared in the channel.',
    );
  });
});
