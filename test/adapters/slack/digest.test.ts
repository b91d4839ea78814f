import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import type { Sweeper } from '../../../src/core/jobs/sweeper.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { blockActionsPayload } from '../../fakes/slack/signed-requests.js';
import { makeServices, type TestCore } from '../../helpers/services.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let core: TestCore;
let sweeper: Sweeper;
const clock = new ManualClock('2026-01-05T08:00:00Z'); // a Monday, an hour before the default 09:00 UTC

beforeAll(async () => {
  const delivery = new DeliveryPorts();
  core = await makeServices({ clock, delivery, logger: new MemoryLogger() });
  h = await startHarness(core.dispatcher.registry, core.services);
  delivery.add(h.running.delivery);
  h.slack.users.set('U0ADMIN', { id: 'U0ADMIN', is_admin: true });
  h.slack.users.set('U0MEMBER', { id: 'U0MEMBER' });
  sweeper = createSweeper(core.services, scheduledFeatures, { inFlight: new Map() });
});
afterAll(async () => {
  await h?.close();
});

async function agenda(text: string, user: string): Promise<Record<string, unknown>> {
  const sent = await h.command(text, { user_id: user, channel_id: 'C0RESEARCH' });
  expect(sent.status).toBe(200);
  return h.responseTo(sent.responseId);
}

describe('the weekly question on Slack, through the real Bolt', () => {
  it('refuses a channel subscription to a non-admin, with the rule', async () => {
    const body = await agenda('subscribe <#C0RESEARCH|research>', 'U0MEMBER');
    expect(String(body['text'])).toContain(
      'Only channel managers can change what a channel receives (that needs a workspace admin or owner',
    );
    expect(await core.services.subscriptions.list('slack', 'T0FAKE')).toHaveLength(0);
  });

  it('subscribes a channel for an admin; a due sweep posts the card with its key in metadata and opens the thread', async () => {
    const body = await agenda('subscribe <#C0RESEARCH|research> time=09:00 tz=UTC', 'U0ADMIN');
    expect(JSON.stringify(body)).toContain('<!date^1767603600^');

    clock.set('2026-01-05T09:00:00Z');
    await sweeper.sweep();
    const posts = h.slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    const [card, opening] = posts;
    expect(card?.args).toMatchObject({
      channel: 'C0RESEARCH',
      metadata: { event_type: 'agendabot_post', event_payload: { key: 'digest:1:2026-W02' } },
    });
    expect(JSON.stringify(card?.args['blocks'])).toContain('From the paper, §2.1.1');
    const ts = h.slack.messages.find((m) => m.channel === 'C0RESEARCH' && m.thread_ts === undefined)?.ts;
    expect(opening?.args).toMatchObject({ channel: 'C0RESEARCH', thread_ts: ts });
    expect(String(opening?.args['text'])).toContain('Discuss this question here.');

    await sweeper.sweep();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('Interested updates the card with chat.update; Another question answers the presser only', async () => {
    const ts = h.slack.messages.find((m) => m.channel === 'C0RESEARCH' && m.thread_ts === undefined)?.ts ?? '';
    const responseUrl = h.slack.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    await h.interact(
      blockActionsPayload({
        actionId: 'ab:digest.interested:0',
        value: 'digest:1:2026-W02|2.1-q1',
        responseUrl,
        channelId: 'C0RESEARCH',
        messageTs: ts,
        userId: 'U0MEMBER',
      }),
    );
    await h.slack.until(() => h.slack.callsTo('chat.update').length > 0);
    const update = h.slack.callsTo('chat.update')[0];
    expect(update?.args).toMatchObject({ channel: 'C0RESEARCH', ts });
    expect(JSON.stringify(update?.args['blocks'])).toMatch(/Interested[^0-9]*1/u);
    const note = await h.responseTo(id);
    expect(String(note['text'])).toContain('Noted: you are interested in 2.1-q1.');

    const anotherUrl = h.slack.responseUrl();
    const anotherId = anotherUrl.slice(anotherUrl.lastIndexOf('/') + 1);
    await h.interact(
      blockActionsPayload({
        actionId: 'ab:digest.another:1',
        value: '1',
        responseUrl: anotherUrl,
        channelId: 'C0RESEARCH',
        messageTs: ts,
        userId: 'U0MEMBER',
      }),
    );
    const answer = await h.responseTo(anotherId);
    expect(answer['response_type']).toBe('ephemeral');
    expect(JSON.stringify(answer)).toContain('Another question, just for you');
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(2);
  });
});
