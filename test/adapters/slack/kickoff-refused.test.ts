/**
 * `/readinggroup create` in a channel the bot cannot post in says so, with what to do,
 * and leaves the group paused; `resume` after the bot is invited posts the card
 * (issue 10, item 6). Through the real Bolt against the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { registry } from '../../../src/core/features/index.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { makeServices, type TestCore } from '../../helpers/services.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let core: TestCore;

beforeAll(async () => {
  const delivery = new DeliveryPorts();
  core = await makeServices({ clock: new ManualClock('2027-01-04T09:00:00Z'), delivery, logger: new MemoryLogger() });
  h = await startHarness(registry, core.services);
  delivery.add(h.running.delivery);
});
afterAll(async () => {
  await h.close();
});

async function readinggroup(text: string, channel: string): Promise<string> {
  const sent = await h.command(text, { command: '/readinggroup', channel_id: channel, user_id: 'U0ORGANISER' });
  expect(sent.status).toBe(200);
  return String((await h.responseTo(sent.responseId))['text']);
}

const howToFix = (id: number) =>
  `The group is paused until that is fixed: invite the bot to this channel (or let it post here), then run ` +
  `\`/readinggroup resume ${id}\`. To meet in another channel instead, run \`/readinggroup archive ${id}\` and create the group there.`;

describe('a kickoff card the bot cannot post', () => {
  it('not_in_channel: says what happened and what to do, and pauses the group', async () => {
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    const answer = await readinggroup('create name:"Quiet RG" syllabus:2.1 start=2027-01-14', 'C0QUIET');
    expect(answer).toBe(
      'Created "Quiet RG" with 1 session; you are its organiser. Its kickoff card could not be posted in this channel: ' +
        `the bot is not a member of the channel (invite it). ${howToFix(1)}`,
    );
    expect(answer).not.toContain('The kickoff card is in this channel');
    expect((await core.services.readingGroups.store.group('slack', 'T0FAKE', 1))?.status).toBe('paused');
  });

  it('resume while the bot is still not in the channel says so, and the group stays paused', async () => {
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    expect(await readinggroup('resume 1', 'C0QUIET')).toBe(
      '"Quiet RG" stays paused: its kickoff card still could not be posted in its channel: ' +
        `the bot is not a member of the channel (invite it). ${howToFix(1)}`,
    );
    expect((await core.services.readingGroups.store.group('slack', 'T0FAKE', 1))?.status).toBe('paused');
  });

  it('resume once the bot is invited posts the kickoff card and restarts the group', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    expect(await readinggroup('resume 1', 'C0QUIET')).toMatch(/^"Quiet RG" is back on/u);
    const card = h.slack
      .callsTo('chat.postMessage')
      .slice(before)
      .find((c) => JSON.stringify(c.args).includes('Reading group: Quiet RG'));
    expect(card?.args['channel']).toBe('C0QUIET');
    expect((await core.services.deliveries.get('rg:1:kickoff'))?.state).toBe('sent');
    expect((await core.services.readingGroups.store.group('slack', 'T0FAKE', 1))?.status).toBe('active');
  });

  it('channel_not_found: the same plain answer, with its own reason', async () => {
    h.slack.failNext('chat.postMessage', 'channel_not_found');
    expect(await readinggroup('create name:"Gone RG" syllabus:2.1 start=2027-01-14', 'C0GONE')).toBe(
      'Created "Gone RG" with 1 session; you are its organiser. Its kickoff card could not be posted in this channel: ' +
        `the channel was deleted or the bot cannot see it. ${howToFix(2)}`,
    );
  });
});
