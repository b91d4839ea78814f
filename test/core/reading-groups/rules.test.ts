import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/ports.js';
import { pickFacilitator } from '../../../src/core/features/reading-groups/facilitator.js';
import { makeWorld, type World } from '../../helpers/reading-groups.js';
import { typed } from '../../helpers/typed.js';

async function withGroup(now = '2027-01-04T09:00:00Z'): Promise<World> {
  const world = await makeWorld({ now });
  await world.dispatcher.runText(
    'readinggroup',
    'create name:"Safety RG" syllabus:2.1,2.2,2.3,2.4 day=thu time=17:00 tz=UTC start=2027-01-14',
    world.ctx('U1'),
  );
  return world;
}

describe('facilitator rotation', () => {
  it('takes volunteers in turn, continuing after the last one and skipping who cannot come', () => {
    const order = ['A', 'B', 'C'];
    expect(pickFacilitator(order, null, new Set())).toBe('A');
    expect(pickFacilitator(order, 'A', new Set())).toBe('B');
    expect(pickFacilitator(order, 'C', new Set())).toBe('A');
    expect(pickFacilitator(order, 'A', new Set(['B']))).toBe('C');
    expect(pickFacilitator(order, 'A', new Set(['A', 'B', 'C']))).toBeNull();
    expect(pickFacilitator([], null, new Set())).toBeNull();
  });

  it('assigns facilitators session by session, and hands over when the facilitator cancels', async () => {
    const world = await withGroup();
    for (const user of ['UA', 'UB', 'UC']) {
      await world.dispatcher.runText('readinggroup', 'facilitate', world.ctx(user));
      world.clock.advance(1000);
    }
    const facilitatorOf = async (n: number) => (await world.store.session(1, n))?.facilitatorId;
    world.clock.set('2027-01-14T17:00:00Z');
    await world.sweep();
    expect(await facilitatorOf(1)).toBe('UA');
    await world.dispatcher.press('rg-not-going', '1:2:r', world.ctx('UB'));
    world.clock.set('2027-01-21T17:00:00Z');
    await world.sweep();
    expect(await facilitatorOf(2)).toBe('UC');
    world.clock.set('2027-01-28T17:00:00Z');
    await world.sweep();
    expect(await facilitatorOf(3)).toBe('UA');
    const handover = await world.dispatcher.press('rg-not-going', '1:3:s', world.ctx('UA'));
    expect(await facilitatorOf(3)).toBe('UB');
    const fields = handover.update?.blocks.find((b) => b.kind === 'fields');
    expect(fields?.kind === 'fields' ? fields.fields[1] : undefined).toEqual({
      label: 'Facilitator',
      value: [{ mention: 'UB' }],
    });
  });
});

describe('organiser-only actions', () => {
  it('are refused for others with a clear message, and allowed once made an organiser', async () => {
    const world = await withGroup();
    const refusal = (what: string) =>
      `Only the organisers of "Safety RG" can ${what}. Ask one of them, or ask them to make you an organiser with \`/readinggroup organisers add @you\`.`;
    const cases: [string, string][] = [
      ['skip', 'skip a session'],
      ['postpone 2', 'postpone a session'],
      ['pause', 'pause the group'],
      ['archive', 'archive the group'],
      ['organisers add @U3', 'add organisers'],
      ['organisers remove @U1', 'remove organisers'],
    ];
    for (const [text, what] of cases) {
      expect((await world.dispatcher.runText('readinggroup', typed(text), world.ctx('U2'))).summary).toBe(
        refusal(what),
      );
    }
    expect((await world.store.sessions(1))[0]?.localDate).toBe('2027-01-14');
    expect(
      (await world.dispatcher.runText('readinggroup', typed('organisers remove @U1'), world.ctx('U1'))).summary,
    ).toBe('"Safety RG" needs at least one organiser: add another before removing the last one.');
    expect((await world.dispatcher.runText('readinggroup', typed('organisers add @U2'), world.ctx('U1'))).summary).toBe(
      'Added an organiser to "Safety RG".',
    );
    expect((await world.dispatcher.runText('readinggroup', 'skip', world.ctx('U2'))).summary).toBe(
      '"Safety RG" skips a week: session 1 moves one slot later.',
    );
    expect(
      (await world.dispatcher.runText('readinggroup', typed('organisers remove @U1'), world.ctx('U2'))).summary,
    ).toBe('Removed an organiser from "Safety RG".');
    expect(await world.store.organisers(1)).toEqual(['U2']);
  });
});

describe('tenants', () => {
  it("never see or change each other's groups", async () => {
    const world = await withGroup();
    const stranger = world.ctx('U9', { tenantId: 'T2', channelId: 'C1' });
    expect((await world.dispatcher.runText('readinggroup', 'status', stranger)).summary).toBe(
      'There is no reading group in this channel. Start one with `/readinggroup create name:"Safety RG"`.',
    );
    expect((await world.dispatcher.runText('readinggroup', 'join 1', stranger)).summary).toMatch(
      /^There is no reading group called "1" here\./,
    );
    expect((await world.dispatcher.press('rg-join', '1', stranger)).reply?.summary).toBe(
      'That reading group no longer exists here.',
    );
    expect((await world.dispatcher.press('rg-going', '1:1:s', stranger)).reply?.summary).toMatch(
      /^That button belongs to a session that no longer exists here\./,
    );
    expect(await world.store.members(1)).toEqual([]);
    // The same name is free in another workspace.
    const other = await world.dispatcher.runText(
      'readinggroup',
      'create name:"Safety RG" syllabus:2.1 start=2027-01-14',
      stranger,
    );
    expect(other.summary).toMatch(/^Created "Safety RG" with 1 session;/);
  });
});

describe('a channel the bot can no longer post to', () => {
  it('pauses the group and tells an organiser once', async () => {
    const world = await withGroup();
    world.port.postFailures.push(new DeliveryError('slack', 'channel_not_found', 'gone', 'channel not found'));
    world.clock.set('2027-01-13T17:00:00Z');
    await world.sweep();
    await world.sweep();
    expect((await world.store.group('slack', 'T1', 1))?.status).toBe('paused');
    const notices = world.port.posts.filter((p) => p.conversation.channelId === 'dm:U1');
    expect(notices.map((p) => p.reply.summary)).toEqual([
      'Your reading group "Safety RG" is paused: the bot could not post in its channel (channel_not_found). Give the bot access to the channel again, then run /readinggroup resume there.',
    ]);
  });
});

describe('a member who cannot be reached by DM', () => {
  it('misses their reminder without pausing the group', async () => {
    const world = await withGroup();
    await world.dispatcher.runText('readinggroup', 'join', world.ctx('U2'));
    await world.dispatcher.runText('readinggroup', 'remind dm', world.ctx('U2'));
    // The channel reminder is posted; the DM is refused for good by the platform.
    const original = world.port.post.bind(world.port);
    world.port.post = async (destination, reply, key) => {
      if (destination.kind === 'user') throw new DeliveryError('slack', 'cannot_dm_bot', 'no-access', 'cannot DM');
      return original(destination, reply, key);
    };
    world.clock.set('2027-01-13T17:00:00Z');
    await world.sweep();
    await world.sweep();
    expect((await world.store.group('slack', 'T1', 1))?.status).toBe('active');
    expect((await world.services.deliveries.get('rg:1:1:reminder:2027-01-14:U2'))?.state).toBe('failed');
    expect(world.port.posts.map((p) => p.key)).toEqual(['rg:1:kickoff', 'rg:1:1:reminder:2027-01-14']);
  });
});

describe('group autocomplete', () => {
  it("offers this tenant's groups, those of this channel first, matching what was typed", async () => {
    const world = await withGroup();
    await world.dispatcher.runText(
      'readinggroup',
      'create name:"Alignment Basics" syllabus:2.1',
      world.ctx('U1', { channelId: 'C2' }),
    );
    await world.dispatcher.runText(
      'readinggroup',
      'create name:"Elsewhere RG" syllabus:2.1',
      world.ctx('U1', { tenantId: 'T2' }),
    );
    expect(await world.dispatcher.complete('group', '', world.ctx('U5', { channelId: 'C2' }))).toEqual([
      { name: 'Alignment Basics (2)', value: 'Alignment Basics' },
      { name: 'Safety RG (1)', value: 'Safety RG' },
    ]);
    expect(await world.dispatcher.complete('group', 'safe', world.ctx('U5', { channelId: 'C2' }))).toEqual([
      { name: 'Safety RG (1)', value: 'Safety RG' },
    ]);
  });
});

describe('help', () => {
  it('is what a bare /readinggroup shows, generated from the declarations', async () => {
    const world = await makeWorld({ now: '2027-01-04T09:00:00Z' });
    const reply = await world.dispatcher.runText('readinggroup', '', world.ctx('U1'));
    const list = reply.blocks.find((b) => b.kind === 'list');
    const names = list?.kind === 'list' ? list.items.map((i) => i.id) : [];
    expect(names).toEqual([
      'create',
      'join',
      'leave',
      'members',
      'facilitate',
      'remind',
      'organisers add',
      'organisers remove',
      'status',
      'skip',
      'postpone',
      'pause',
      'resume',
      'notes',
      'delete-note',
      'archive',
      'calendar',
    ]);
    expect(list?.kind === 'list' ? list.items[10]?.text : []).toEqual([
      'Postpone the next session by some days; the rest follow (organisers)',
      ' — ',
      { text: '/readinggroup postpone <days> [<group>]', code: true },
    ]);
  });
});
