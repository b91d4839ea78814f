/**
 * A command from a workspace this Slack app does not serve (a shared channel, another
 * workspace of an org) that would change a channel's weekly question is refused in plain
 * words, never answered as an internal error with a reference id (issue 10, item 7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { makeServices, type TestCore } from '../../helpers/services.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let core: TestCore;
const clock = new ManualClock('2026-01-05T08:00:00Z');
const REFUSAL =
  "This bot is not installed in the workspace you are writing from, so it cannot change that channel's " +
  'weekly question from here. Run the command in the workspace that added the bot.';

beforeAll(async () => {
  const delivery = new DeliveryPorts();
  core = await makeServices({ clock, delivery, logger: new MemoryLogger() });
  h = await startHarness(core.dispatcher.registry, core.services);
  delivery.add(h.running.delivery);
  h.slack.users.set('U0ADMIN', { id: 'U0ADMIN', is_admin: true });
  // A channel subscription recorded for the other workspace (say, before the app was moved).
  await core.services.subscriptions.create({
    platform: 'slack',
    tenantId: 'T0OTHER',
    target: { kind: 'channel', channelId: 'C0SHARED' },
    ownerId: 'U0ADMIN',
    weekday: 1,
    time: { hour: 9, minute: 0 },
    zone: 'UTC',
    origin: 'any',
    order: 'agenda',
    count: 1,
    seed: 1,
    nextDueAt: new Date('2026-01-05T09:00:00Z'),
    createdAt: clock.now(),
  });
});
afterAll(async () => {
  await h?.close();
});

async function fromOtherWorkspace(text: string): Promise<string> {
  const sent = await h.command(text, { team_id: 'T0OTHER', user_id: 'U0ADMIN', channel_id: 'C0SHARED' });
  expect(sent.status).toBe(200);
  return String((await h.responseTo(sent.responseId))['text']);
}

describe('a channel subscription of another workspace', () => {
  it.each(['pause 1', 'resume 1', 'unsubscribe 1', 'digest now 1', 'subscribe <#C0SHARED|shared>'])(
    '%s is refused plainly',
    async (text) => {
      const answer = await fromOtherWorkspace(text);
      expect(answer).toBe(REFUSAL);
      expect(answer).not.toMatch(/reference/u);
    },
  );

  it('changes nothing and logs no error', async () => {
    expect((await core.services.subscriptions.list('slack', 'T0OTHER')).map((s) => s.paused)).toEqual([false]);
    expect(h.logger.records.filter((r) => r.level === 'error')).toEqual([]);
  });
});
