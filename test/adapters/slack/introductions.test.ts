import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCore, type Core } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { miniAgenda } from '../../fixtures/mini-agenda.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let core: Core;
const clock = new ManualClock('2026-03-02T10:00:00Z');

beforeAll(async () => {
  const delivery = new DeliveryPorts();
  core = await bootCore({
    agenda: miniAgenda,
    backend: openSqliteBackend(openDatabase(':memory:')),
    clock,
    logger: new MemoryLogger(),
    delivery,
    random: () => 0,
  });
  h = await startHarness(core.dispatcher.registry, core.services);
  delivery.add(h.running.delivery);
  // U0ANA, U0BEN and U0CAT marked 3.5-q1 Interested under a weekly card (recorded as the button does).
  for (const user of ['U0ANA', 'U0BEN', 'U0CAT']) {
    await core.services.subscriptions.addInterest('slack', 'T0FAKE', user, '3.5-q1', 'digest:1:2026-W10', clock.now());
  }
});
afterAll(async () => {
  await h?.close();
});

async function agenda(text: string, user: string): Promise<string> {
  const sent = await h.command(text, { user_id: user, channel_id: 'C0RESEARCH' });
  expect(sent.status).toBe(200);
  return String((await h.responseTo(sent.responseId))['text']);
}

describe('introductions on Slack, through the real Bolt', () => {
  it('tells someone with introductions off how many share the question, and opens nothing', async () => {
    expect(await agenda('introduce 3.5-q1', 'U0ANA')).toContain(
      '2 other people here marked question 3.5-q1 Interested; 0 of them turned introductions on.',
    );
    expect(h.slack.callsTo('conversations.open')).toHaveLength(0);
  });

  it('opens one multi-person DM (conversations.open) for the consenting people, then posts in it', async () => {
    expect(await agenda('introductions on', 'U0ANA')).toContain('Introductions are on.');
    expect(await agenda('introductions on', 'U0CAT')).toContain('Introductions are on.');
    expect(await agenda('introduce 3.5-q1', 'U0ANA')).toContain('You were introduced to');

    const opens = h.slack.callsTo('conversations.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.args['users']).toBe('U0ANA,U0CAT');
    const posts = h.slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args['channel']).toBe('GU0ANAU0CAT');
    const blocks = JSON.stringify(posts[0]?.args['blocks']);
    expect(blocks).toContain('<@U0ANA>');
    expect(blocks).toContain('<@U0CAT>');
    expect(blocks).not.toContain('U0BEN');
    expect(blocks).toContain('How can jailbreak robustness be measured?');
    expect(blocks).toContain('A first step');
  });

  it('does not introduce the same people again', async () => {
    expect(await agenda('introduce 3.5-q1', 'U0CAT')).toContain(
      'You have already been introduced to all of them over question 3.5-q1',
    );
    expect(h.slack.callsTo('conversations.open')).toHaveLength(1);
  });

  it('needs no channel on Slack', async () => {
    expect(await agenda('introductions channel <#C0RESEARCH|research>', 'U0ANA')).toBe(
      'Introductions here are group direct messages, so they need no channel: nothing to set.',
    );
  });
});
