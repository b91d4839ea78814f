import { describe, expect, it } from 'vitest';
import { DeliveryError, type ScheduledEventSpec, type ScheduledEventsPort } from '../../../src/core/ports.js';
import { MemoryDeliveryPort } from '../../fakes/memory-delivery.js';
import { makeWorld } from '../../helpers/reading-groups.js';

/** A recording scheduled-events port, as the Discord adapter provides. */
class RecordingEvents implements ScheduledEventsPort {
  readonly calls: (
    ['create', string, ScheduledEventSpec] | ['update', string, ScheduledEventSpec] | ['delete', string]
  )[] = [];
  failure: Error | undefined;
  #next = 1;
  async create(_tenantId: string, event: ScheduledEventSpec): Promise<string> {
    if (this.failure) throw this.failure;
    const id = `E${this.#next++}`;
    this.calls.push(['create', id, event]);
    return id;
  }
  async update(_tenantId: string, eventId: string, event: ScheduledEventSpec): Promise<void> {
    this.calls.push(['update', eventId, event]);
  }
  async delete(_tenantId: string, eventId: string): Promise<void> {
    this.calls.push(['delete', eventId]);
  }
}

class DiscordLikePort extends MemoryDeliveryPort {
  readonly scheduledEvents = new RecordingEvents();
}

function summary(calls: RecordingEvents['calls']) {
  return calls.map((c) =>
    c[0] === 'delete'
      ? [c[0], c[1]]
      : [c[0], c[1], c[2].name, c[2].startsAt.toISOString(), c[2].endsAt.toISOString(), c[2].channelId],
  );
}

describe('Discord scheduled events (events:on)', () => {
  it('are created with the group, moved on skip and postpone, and removed on archive', async () => {
    const port = new DiscordLikePort('discord');
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z', platform: 'discord', port });
    const created = await world.dispatcher.runText(
      'readinggroup',
      'create name:RG syllabus:2.1,2.2 day=thu time=17:00 tz=Europe/Berlin start=2027-03-18 events:on',
      world.ctx('U1'),
    );
    expect(created.summary).toBe(
      'Created "RG" with 2 sessions; you are its organiser. The kickoff card is in this channel.',
    );
    expect(summary(port.scheduledEvents.calls)).toEqual([
      ['create', 'E1', 'RG: session 1', '2027-03-18T16:00:00.000Z', '2027-03-18T17:00:00.000Z', 'C1'],
      ['create', 'E2', 'RG: session 2', '2027-03-25T16:00:00.000Z', '2027-03-25T17:00:00.000Z', 'C1'],
    ]);
    await world.dispatcher.runText('readinggroup', 'skip', world.ctx('U1'));
    await world.dispatcher.runText('readinggroup', 'postpone 1', world.ctx('U1'));
    expect(summary(port.scheduledEvents.calls.slice(2))).toEqual([
      ['update', 'E1', 'RG: session 1', '2027-03-25T16:00:00.000Z', '2027-03-25T17:00:00.000Z', 'C1'],
      ['update', 'E2', 'RG: session 2', '2027-04-01T15:00:00.000Z', '2027-04-01T16:00:00.000Z', 'C1'],
      ['update', 'E1', 'RG: session 1', '2027-03-26T16:00:00.000Z', '2027-03-26T17:00:00.000Z', 'C1'],
      ['update', 'E2', 'RG: session 2', '2027-04-02T15:00:00.000Z', '2027-04-02T16:00:00.000Z', 'C1'],
    ]);
    await world.dispatcher.runText('readinggroup', 'archive', world.ctx('U1'));
    expect(summary(port.scheduledEvents.calls.slice(6))).toEqual([
      ['delete', 'E1'],
      ['delete', 'E2'],
    ]);
  });

  it('say so when the bot lacks Manage Events, and the group is still created', async () => {
    const port = new DiscordLikePort('discord');
    port.scheduledEvents.failure = new DeliveryError('discord', '50013', 'no-access', 'Missing Permissions');
    const world = await makeWorld({ now: '2027-03-01T09:00:00Z', platform: 'discord', port });
    const created = await world.dispatcher.runText(
      'readinggroup',
      'create name:RG syllabus:2.1 start=2027-03-18 events:on',
      world.ctx('U1'),
    );
    expect(created.summary).toBe(
      'Created "RG" with 1 session; you are its organiser. The kickoff card is in this channel. The Discord scheduled events could not be changed: the bot needs the Manage Events permission.',
    );
    expect((await world.store.groupsOf('discord', 'T1')).map((g) => g.name)).toEqual(['RG']);
  });
});
