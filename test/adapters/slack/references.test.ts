/**
 * People and channels in slash-command text, through the real Bolt against the fake
 * Slack: Slack's `<@U…|name>` and `<#C…|name>` fill the user or channel option, with
 * words before and after them going to their own options (issue 10, item 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { makeServices, type TestCore } from '../../helpers/services.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let core: TestCore;
const clock = new ManualClock('2027-01-04T09:00:00Z');

beforeAll(async () => {
  const delivery = new DeliveryPorts();
  core = await makeServices({ clock, delivery, logger: new MemoryLogger() });
  h = await startHarness(core.dispatcher.registry, core.services);
  delivery.add(h.running.delivery);
  h.slack.users.set('U0ADMIN', { id: 'U0ADMIN', is_admin: true });
  await slash('/readinggroup', 'create name:"Reading Group" syllabus:2.1,2.2 start=2027-01-14', 'U0ALICE');
});
afterAll(async () => {
  await h?.close();
});

async function slash(command: string, text: string, user: string): Promise<string> {
  const sent = await h.command(text, { command, user_id: user, channel_id: 'C0RG' });
  expect(sent.status).toBe(200);
  return String((await h.responseTo(sent.responseId))['text']);
}

const organisers = (): Promise<readonly string[]> => core.services.readingGroups.store.organisers(1);

describe('references in Slack command text', () => {
  it('organisers add: the mention stays the person whether the group comes after or before it', async () => {
    expect(await slash('/readinggroup', 'organisers add <@U0CAROL|carol> 1', 'U0ALICE')).toBe(
      'Added an organiser to "Reading Group".',
    );
    expect(await slash('/readinggroup', 'organisers add <@U0DAVE|dave> Reading Group', 'U0ALICE')).toBe(
      'Added an organiser to "Reading Group".',
    );
    expect(await slash('/readinggroup', 'organisers add 1 <@U0ERIN|erin>', 'U0ALICE')).toBe(
      'Added an organiser to "Reading Group".',
    );
    expect(await organisers()).toEqual(['U0ALICE', 'U0CAROL', 'U0DAVE', 'U0ERIN']);
  });

  it('organisers remove: removes the person mentioned, not the group number after it', async () => {
    expect(await slash('/readinggroup', 'organisers remove <@U0ALICE|alice> 1', 'U0CAROL')).toBe(
      'Removed an organiser from "Reading Group".',
    );
    expect(await slash('/readinggroup', 'organisers remove Reading Group <@U0ERIN|erin>', 'U0CAROL')).toBe(
      'Removed an organiser from "Reading Group".',
    );
    expect(await organisers()).toEqual(['U0CAROL', 'U0DAVE']);
  });

  it('a bare word is not taken for a person', async () => {
    expect(await slash('/readinggroup', 'organisers add carol', 'U0CAROL')).toBe(
      '`/readinggroup organisers add` needs a @user (the person). Usage: `/readinggroup organisers add @user [&lt;group&gt;]`, ' +
        'for example `/readinggroup organisers add @ana`.',
    );
  });

  it('subscribe: a word after the channel is refused, not taken for the channel', async () => {
    expect(await slash('/agenda', 'subscribe <#C0GENERAL|general> weekly', 'U0ADMIN')).toMatch(
      /^`\/agenda subscribe` did not expect `weekly`\./u,
    );
    expect(await core.services.subscriptions.list('slack', 'T0FAKE')).toHaveLength(0);
  });

  it('subscribe: keyed options before and after the channel go to their options', async () => {
    await slash('/agenda', 'subscribe day=fri <#C0GENERAL|general> time=16:00', 'U0ADMIN');
    const [subscription] = await core.services.subscriptions.list('slack', 'T0FAKE');
    expect(subscription?.target).toEqual({ kind: 'channel', channelId: 'C0GENERAL' });
    expect([subscription?.weekday, subscription?.time]).toEqual([5, { hour: 16, minute: 0 }]);
  });
});
