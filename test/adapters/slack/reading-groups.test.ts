/**
 * Reading groups through the real Slack adapter (real Bolt, HTTP mode) against the fake
 * Slack: the kickoff card, Join, the reminder, the session card with its thread, RSVP,
 * and the Add note form. The sweeper runs on a manual clock; nothing sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { registry, scheduledFeatures } from '../../../src/core/features/index.js';
import { createSweeper } from '../../../src/core/jobs/features.js';
import type { Sweeper } from '../../../src/core/jobs/sweeper.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { blockActionsPayload, viewSubmissionPayload } from '../../fakes/slack/signed-requests.js';
import { makeServices, type TestCore } from '../../helpers/services.js';
import { startHarness, type Harness } from './harness.js';

type SlackBlock = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
};
type Posted = {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks: SlackBlock[];
  metadata?: { event_payload: { key: string } };
};

let h: Harness;
let core: TestCore;
let sweeper: Sweeper;
const clock = new ManualClock('2027-01-04T09:00:00Z');

beforeAll(async () => {
  const delivery = new DeliveryPorts();
  core = await makeServices({ clock, delivery, logger: new MemoryLogger() });
  h = await startHarness(registry, core.services);
  delivery.add(h.running.delivery);
  sweeper = createSweeper(core.services, scheduledFeatures, { inFlight: new Map() });
});
afterAll(async () => {
  await h.close();
});

const posts = (): Posted[] => h.slack.callsTo('chat.postMessage').map((c) => c.args as unknown as Posted);
const postKeyed = (key: string): Posted | undefined => posts().find((p) => p.metadata?.event_payload.key === key);
const tsOf = (key: string): string =>
  String(
    h.slack.messages.find(
      (m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === key,
    )?.ts ?? '',
  );
const buttons = (post: Posted | undefined) =>
  (post?.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

function press(
  actionId: string,
  value: string,
  extra: { userId?: string; messageTs?: string; threadTs?: string; triggerId?: string } = {},
) {
  const responseUrl = h.slack.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const sent = h.interact(blockActionsPayload({ actionId, value, responseUrl, channelId: 'C0RG', ...extra }));
  return { id, sent };
}

describe('reading groups on Slack', () => {
  it('create answers the organiser and posts the kickoff card with Join and Leave', async () => {
    const sent = await h.command(
      'create name:"Safety RG" syllabus:2.1,2.2 day=thu time=17:00 tz=UTC start=2027-01-14',
      {
        command: '/readinggroup',
        channel_id: 'C0RG',
        user_id: 'U0ORGANISER',
      },
    );
    expect(sent.status).toBe(200);
    const body = await h.responseTo(sent.responseId);
    expect(body).toMatchObject({
      response_type: 'ephemeral',
      text: 'Created "Safety RG" with 2 sessions; you are its organiser. The kickoff card is in this channel.',
    });
    const kickoff = postKeyed('rg:1:kickoff');
    expect(kickoff?.channel).toBe('C0RG');
    expect(kickoff?.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Reading group: Safety RG', emoji: true },
    });
    expect(buttons(kickoff).map((b) => [b.action_id?.replace(/:\d+$/u, ''), b.value])).toEqual([
      ['ab:rg-join', '1'],
      ['ab:rg-leave', '1'],
    ]);
    // Dates are rendered in each reader's own time zone.
    expect(JSON.stringify(kickoff?.blocks)).toContain(`<!date^${Date.UTC(2027, 0, 14, 17) / 1000}^`);
  });

  it('Join records the member and redraws the card with chat.update', async () => {
    const join = buttons(postKeyed('rg:1:kickoff'))[0];
    const pressed = press(String(join?.action_id), String(join?.value), {
      userId: 'U0MEMBER',
      messageTs: tsOf('rg:1:kickoff'),
    });
    expect((await pressed.sent).status).toBe(200);
    await h.slack.until(() => h.slack.callsTo('chat.update').length > 0);
    const update = h.slack.callsTo('chat.update').at(-1)?.args as unknown as Posted & { ts: string };
    expect(update.ts).toBe(tsOf('rg:1:kickoff'));
    expect(JSON.stringify(update.blocks)).toContain('*Members*\\n1');
    expect((await core.services.readingGroups.store.members(1)).map((m) => m.userId)).toEqual(['U0MEMBER']);
    const reply = await h.responseTo(pressed.id);
    expect(String(reply['text'])).toMatch(/^You joined "Safety RG"\./u);
  });

  it('the reminder mentions the members, and at session time the card opens a thread with the in-thread buttons', async () => {
    clock.set('2027-01-13T17:00:00Z');
    await sweeper.sweep();
    const reminder = postKeyed('rg:1:1:reminder:2027-01-14');
    expect(reminder?.channel).toBe('C0RG');
    expect(JSON.stringify(reminder?.blocks)).toContain('<@U0MEMBER>');

    clock.set('2027-01-14T17:00:00Z');
    await sweeper.sweep();
    const card = postKeyed('rg:1:1:thread');
    const starter = postKeyed('rg:1:1:thread:thread');
    expect(card?.channel).toBe('C0RG');
    expect(card?.thread_ts).toBeUndefined();
    expect(starter?.thread_ts).toBe(tsOf('rg:1:1:thread'));
    expect(buttons(card).map((b) => [b.action_id?.replace(/:\d+$/u, ''), b.value])).toEqual([
      ['ab:rg-going', '1:1:s'],
      ['ab:rg-not-going', '1:1:s'],
    ]);
    expect(buttons(starter).map((b) => [b.action_id?.replace(/:\d+$/u, ''), b.value])).toEqual([
      ['ab:rg-note', '1:1'],
      ['ab:rg-more', '1:1'],
      ['ab:rg-covered', '1:1'],
    ]);
    // The paper's questions first, each saying where it comes from.
    expect(JSON.stringify(card?.blocks)).toContain('From the paper, §2.1.1');
    expect(JSON.stringify(card?.blocks)).toContain('Discussion prompt (ours), on §2.1.1');
  });

  it('Going updates the live count on the session card', async () => {
    const going = buttons(postKeyed('rg:1:1:thread'))[0];
    const updates = h.slack.callsTo('chat.update').length;
    await press(String(going?.action_id), String(going?.value), {
      userId: 'U0MEMBER',
      messageTs: tsOf('rg:1:1:thread'),
    }).sent;
    await h.slack.until(() => h.slack.callsTo('chat.update').length > updates);
    const update = h.slack.callsTo('chat.update').at(-1)?.args as unknown as Posted & { ts: string };
    expect(update.ts).toBe(tsOf('rg:1:1:thread'));
    expect(JSON.stringify(update.blocks)).toContain("1 going · 0 can't make it");
  });

  it('Add note opens the form, and the submitted note is stored with its author', async () => {
    const note = buttons(postKeyed('rg:1:1:thread:thread'))[0];
    const cardTs = tsOf('rg:1:1:thread');
    await press(String(note?.action_id), String(note?.value), {
      userId: 'U0MEMBER',
      messageTs: tsOf('rg:1:1:thread:thread'),
      threadTs: cardTs,
      triggerId: '42.42.rg',
    }).sent;
    await h.slack.until(() => h.slack.callsTo('views.open').length > 0);
    const open = h.slack.callsTo('views.open').at(-1);
    expect(open?.args.trigger_id).toBe('42.42.rg');
    const view = open?.args.view as {
      callback_id: string;
      private_metadata: string;
      title: { text: string };
      blocks: { block_id: string }[];
    };
    expect(view.callback_id).toBe('ab-modal:rg-note');
    expect(view.title.text).toBe('Note for session 1');
    expect(view.blocks.map((b) => b.block_id)).toEqual(['note']);
    const submitted = await h.interact(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        inputs: { note: 'ICL as Bayesian inference <!channel>' },
        userId: 'U0MEMBER',
        userName: 'member',
      }),
    );
    expect(submitted.status).toBe(200);
    await h.slack.until(async () => (await core.services.readingGroups.store.notes(1)).length > 0);
    expect(
      (await core.services.readingGroups.store.notes(1)).map((n) => [n.sessionNumber, n.authorId, n.text]),
    ).toEqual([[1, 'U0MEMBER', 'ICL as Bayesian inference <!channel>']]);
  });

  it('notes export where the bot may not post files says why and what to do, with no reference id', async () => {
    h.slack.failNext('files.completeUploadExternal', 'not_in_channel');
    const sent = await h.command('notes all', { command: '/readinggroup', channel_id: 'C0RG', user_id: 'U0ORGANISER' });
    expect((await h.responseTo(sent.responseId))['text']).toBe(
      'Could not post the notes file in this channel: the bot is not a member of the channel (invite it). ' +
        'Invite the bot to this channel (or let it post files here) and try again.',
    );
  });
});
