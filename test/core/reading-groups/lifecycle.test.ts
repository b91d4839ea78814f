import { describe, expect, it } from 'vitest';
import type { Block, Reply } from '../../../src/core/message.js';
import { makeWorld, type World } from '../../helpers/reading-groups.js';

function blocksOf<K extends Block['kind']>(reply: Reply | undefined, kind: K): Extract<Block, { kind: K }>[] {
  return (reply?.blocks ?? []).filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);
}

async function createSafetyRg(world: World): Promise<Reply> {
  return world.dispatcher.runText(
    'readinggroup',
    'create name:"Safety RG" syllabus:2.1,3.4,3.5 day=thu time=17:00 tz=Europe/Berlin start=2027-01-14',
    world.ctx('U1'),
  );
}

describe('a reading group from creation to notes export', () => {
  it('runs the whole lifecycle on the injected clock', async () => {
    const world = await makeWorld({ now: '2027-01-04T09:00:00Z' });
    const { dispatcher, port, clock } = world;

    // Create: the asker learns it worked; the kickoff card lands in the channel once.
    const created = await createSafetyRg(world);
    expect(created.visibility).toBe('ephemeral');
    expect(created.summary).toBe(
      'Created "Safety RG" with 3 sessions; you are its organiser. The kickoff card is in this channel.',
    );
    expect(port.posts.map((p) => [p.key, p.conversation.channelId])).toEqual([['rg:1:kickoff', 'C1']]);
    const kickoff = port.posts[0]?.reply;
    expect(blocksOf(kickoff, 'heading')[0]?.text).toBe('Reading group: Safety RG');
    expect(kickoff?.summary).toBe(
      'Reading group "Safety RG": 3 sessions, every Thursday at 17:00 (Europe/Berlin). 0 members. Syllabus: 1. 2027-01-14 2.1 How in-context learning works is not understood; 2. 2027-01-21 3.4 Interpretation and explanation tools are missing or unfaithful; 3. 2027-01-28 3.5 Jailbreaks and prompt injection undermine LLM security. Press Join to take part.',
    );
    expect(blocksOf(kickoff, 'list')[0]?.items.map((i) => [i.id, i.text])).toEqual([
      [
        'Session 1',
        [
          { time: new Date('2027-01-14T16:00:00Z'), style: 'date' },
          ' — 2.1 How in-context learning works is not understood',
        ],
      ],
      [
        'Session 2',
        [
          { time: new Date('2027-01-21T16:00:00Z'), style: 'date' },
          ' — 3.4 Interpretation and explanation tools are missing or unfaithful',
        ],
      ],
      [
        'Session 3',
        [
          { time: new Date('2027-01-28T16:00:00Z'), style: 'date' },
          ' — 3.5 Jailbreaks and prompt injection undermine LLM security',
        ],
      ],
    ]);
    expect(blocksOf(kickoff, 'buttons')[0]?.buttons.map((b) => [b.action, b.value, b.label])).toEqual([
      ['rg-join', '1', 'Join'],
      ['rg-leave', '1', 'Leave'],
    ]);

    // Join with the button (the card's count is redrawn) and with the command.
    const joined = await dispatcher.press('rg-join', '1', world.ctx('U2'));
    expect(joined.reply?.summary).toMatch(/^You joined "Safety RG"\. Reminders come 24 hours before each session/);
    expect(blocksOf(joined.update, 'fields')[0]?.fields[1]).toEqual({ label: 'Members', value: ['1'] });
    expect((await dispatcher.runText('readinggroup', 'join', world.ctx('U3'))).summary).toMatch(
      /^You joined "Safety RG"/,
    );
    expect(port.updates.map((u) => u.message.messageId)).toEqual(['m1']);
    expect(blocksOf(port.updates[0]?.reply, 'fields')[0]?.fields[1]).toEqual({ label: 'Members', value: ['2'] });
    expect((await dispatcher.runText('readinggroup', 'join', world.ctx('U3'))).summary).toBe(
      'You are already in "Safety RG".',
    );
    await dispatcher.runText('readinggroup', 'facilitate', world.ctx('U2'));
    clock.advance(60_000);
    expect((await dispatcher.runText('readinggroup', 'facilitate', world.ctx('U3'))).summary).toBe(
      "You volunteered to facilitate: you are number 2 of 2 in the rotation. Someone who says they can't make it is skipped for that session.",
    );
    expect((await dispatcher.runText('readinggroup', 'remind dm', world.ctx('U3'))).summary).toBe(
      'Reminders for "Safety RG" will come to you by direct message.',
    );

    // One minute before the reminder is due: nothing. At 24 hours before 17:00 Berlin: reminders.
    clock.set('2027-01-13T15:59:00Z');
    await world.sweep();
    expect(port.posts).toHaveLength(1);
    clock.set('2027-01-13T16:00:00Z');
    await world.sweep();
    await world.sweep();
    expect(port.posts.slice(1).map((p) => [p.key, p.conversation.channelId])).toEqual([
      ['rg:1:1:reminder:2027-01-14', 'C1'],
      ['rg:1:1:reminder:2027-01-14:U3', 'dm:U3'],
    ]);
    const reminder = port.posts[1]?.reply;
    expect(blocksOf(reminder, 'text')[0]?.spans.slice(0, 3)).toEqual([{ mention: 'U2' }, ' ', 'We meet ']);
    expect(blocksOf(reminder, 'links')[0]?.links).toEqual([
      { text: 'Read §2.1 in the paper', url: 'https://arxiv.org/pdf/2404.09932v2#subsection.2.1' },
    ]);
    expect(
      reminder?.summary.startsWith(
        'Reminder: Safety RG session 1 (2.1 How in-context learning works is not understood) starts 2027-01-14 16:00 UTC. Read: https://arxiv.org/pdf/2404.09932v2#subsection.2.1 Questions: 2.1-q1 (From the paper, §2.1.1): ',
      ),
    ).toBe(true);
    expect(reminder?.summary).toContain('? 2.1.1-p1 (Discussion prompt (ours), on §2.1.1): ');
    const reminderQuestions = blocksOf(reminder, 'list')[1]?.items ?? [];
    expect(reminderQuestions.map((q) => [q.id, q.origin])).toEqual([
      ['2.1-q1', 'paper'],
      ['2.1-q2', 'paper'],
      ['2.1.1-p1', 'prompt'],
      ['2.1.1-p2', 'prompt'],
    ]);
    expect(reminderQuestions[0]?.text.slice(1)).toEqual([' — ', { text: 'From the paper, §2.1.1', italic: true }]);
    expect(reminderQuestions[2]?.text.slice(1)).toEqual([
      ' — ',
      { text: 'Discussion prompt (ours), on §2.1.1', italic: true },
    ]);
    const direct = port.posts[2]?.reply;
    expect(blocksOf(direct, 'buttons')).toEqual([]);
    expect(blocksOf(direct, 'context')[0]?.spans).toEqual([
      'RSVP with the buttons on the reminder in ',
      { channel: 'C1' },
      '. Times are shown in your own time zone.',
    ]);

    // RSVPs on the reminder: the count is redrawn; pressing the same answer again withdraws it.
    const going = await dispatcher.press('rg-going', '1:1:r', world.ctx('U2'));
    expect(going.reply?.summary).toBe(
      'Noted: you are going to session 1 of "Safety RG". Press Going again to withdraw.',
    );
    expect(blocksOf(going.update, 'context')[0]?.spans).toEqual([
      "RSVP: 1 going · 0 can't make it. Times are shown in your own time zone.",
    ]);
    await dispatcher.press('rg-going', '1:1:r', world.ctx('U4'));
    expect((await dispatcher.press('rg-going', '1:1:r', world.ctx('U4'))).reply?.summary).toBe(
      'Your answer for session 1 is withdrawn.',
    );
    await dispatcher.press('rg-not-going', '1:1:r', world.ctx('U3'));

    // Session time: the card, its thread, and the thread's first message, once.
    clock.set('2027-01-14T16:00:00Z');
    await world.sweep();
    await world.sweep();
    expect(port.posts.slice(3).map((p) => [p.key, p.conversation.threadId ?? null])).toEqual([
      ['rg:1:1:thread', null],
      ['rg:1:1:thread:thread', 'm4'],
    ]);
    expect(port.threads.map((t) => t.name)).toEqual(['Safety RG · session 1 (2.1)']);
    const card = port.posts[3]?.reply;
    expect(
      card?.summary.startsWith(
        "Safety RG session 1: 2.1 How in-context learning works is not understood. 2027-01-14 16:00 UTC. RSVP: 1 going · 1 can't make it. Read: https://arxiv.org/pdf/2404.09932v2#subsection.2.1 Questions: 2.1-q1 (From the paper, §2.1.1): ",
      ),
    ).toBe(true);
    expect(blocksOf(card, 'fields')[0]?.fields.slice(1)).toEqual([
      { label: 'Facilitator', value: [{ mention: 'U2' }] },
      { label: 'RSVP', value: ["1 going · 1 can't make it"] },
    ]);
    expect(blocksOf(port.posts[4]?.reply, 'buttons')[0]?.buttons.map((b) => [b.action, b.value])).toEqual([
      ['rg-note', '1:1'],
      ['rg-more', '1:1'],
      ['rg-covered', '1:1'],
    ]);

    // In the thread: a note through the form, another question, mark covered (organisers only).
    const inThread = (user: string) => world.ctx(user, { threadId: 'm4' });
    const form = await dispatcher.press('rg-note', '1:1', inThread('U2'));
    expect(form.modal).toMatchObject({ id: 'rg-note', value: '1:1', title: 'Note for session 1' });
    const saved = await dispatcher.submit(
      'rg-note',
      '1:1',
      { note: 'Mesa-optimization needs a test.\n# not a heading' },
      inThread('U2'),
    );
    expect(saved.reply?.summary).toBe(
      'Saved your note (number 1) for session 1 of "Safety RG". Remove it with `/readinggroup delete-note 1`.',
    );
    const more = await dispatcher.press('rg-more', '1:1', inThread('U3'));
    expect(more.reply?.visibility).toBe('channel');
    expect(blocksOf(more.reply, 'list')[0]?.items.map((i) => [i.id, i.origin])).toEqual([['2.1.2-p1', 'prompt']]);
    expect(
      more.reply?.summary.startsWith(
        'Another question for session 1: 2.1.2-p1 (Discussion prompt (ours), on §2.1.2): ',
      ),
    ).toBe(true);
    const refused = await dispatcher.press('rg-covered', '1:1', inThread('U2'));
    expect(refused.reply?.summary).toBe(
      'Only the organisers of "Safety RG" can mark a session covered. Ask one of them, or ask them to make you an organiser with `/readinggroup organisers add @you`.',
    );
    const coveredNow = await dispatcher.press('rg-covered', '1:1', inThread('U1'));
    expect(blocksOf(coveredNow.reply, 'text')[0]?.spans).toEqual([
      '✓ Session 1 is marked covered by ',
      { mention: 'U1' },
      '.',
    ]);
    const redrawn = port.updates[port.updates.length - 1];
    expect(redrawn?.message.messageId).toBe('m4');
    expect(blocksOf(redrawn?.reply, 'context')[0]?.spans).toEqual(['✓ Marked covered by the organisers.']);

    // Status: sessions done and left, next session, attendance.
    const status = await dispatcher.runText('readinggroup', 'status', world.ctx('U4'));
    expect(status.summary).toBe(
      'Safety RG: 1 of 3 sessions held (1 covered), 2 left. Next: session 2, 3.4 Interpretation and explanation tools are missing or unfaithful on 2027-01-21 16:00 UTC. Attendance: session 1 1 going.',
    );
    expect(blocksOf(status, 'fields')[0]?.fields[1]).toEqual({
      label: 'Next',
      value: [
        'session 2, ',
        { time: new Date('2027-01-21T16:00:00Z'), style: 'full' },
        ' — 3.4 Interpretation and explanation tools are missing or unfaithful',
      ],
    });
    expect(blocksOf(status, 'list')[0]?.items).toEqual([
      { id: 'Session 1', text: ['1 going — 2.1 How in-context learning works is not understood'] },
    ]);

    // Notes export: Markdown as a file in the conversation it was asked in.
    const exported = await dispatcher.runText('readinggroup', 'notes 1', world.ctx('U4'));
    expect(exported.summary).toBe('Posted 1 note of session 1 as safety-rg-session-1-notes.md.');
    expect(port.uploads[0]?.content).toBe(
      [
        '# Safety RG: notes',
        '',
        '## Session 1: 2.1 How in-context learning works is not understood (2027-01-14)',
        '',
        '- Note 1 by @U2, 2027-01-14 16:00 UTC:',
        '    Mesa-optimization needs a test.',
        '    # not a heading',
        '',
      ].join('\n'),
    );

    // Only its author removes a note.
    expect((await dispatcher.runText('readinggroup', 'delete-note 1', world.ctx('U3'))).summary).toMatch(
      /^"Safety RG" has no note 1 of yours\./,
    );
    expect((await dispatcher.runText('readinggroup', 'delete-note 1', world.ctx('U2'))).summary).toBe(
      'Removed your note 1 from "Safety RG".',
    );
    expect((await dispatcher.runText('readinggroup', 'notes all', world.ctx('U2'))).summary).toBe(
      '"Safety RG" has no notes yet.',
    );
  });
});
