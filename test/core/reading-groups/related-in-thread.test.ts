import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/core/message.js';
import { relatedAgenda } from '../../fixtures/related-agenda.js';
import { makeWorld } from '../../helpers/reading-groups.js';

describe('a session thread', () => {
  it('ends with two related questions from other challenges, each with its origin', async () => {
    const world = await makeWorld({ now: '2027-01-04T09:00:00Z', agenda: relatedAgenda, reminderHours: 0 });
    const create = 'create name:"ICL RG" syllabus:2.1,3.5 day=thu time=17:00 tz=UTC start=2027-01-14';
    await world.dispatcher.runText('readinggroup', create, world.ctx('U1'));
    world.clock.set('2027-01-14T17:00:00Z');
    await world.sweep();
    const starter = world.port.posts.find((p) => p.key === 'rg:1:1:thread:thread')?.reply;
    const blocks: readonly Block[] = starter?.blocks ?? [];
    const label = { text: 'Related questions from other challenges', bold: true };
    expect(blocks.at(-2)).toEqual({ kind: 'text', spans: [label] });
    const last = blocks.at(-1);
    const items = last?.kind === 'list' ? last.items : [];
    // 3.2-q1 shares "learn" and "in context" with challenge 2.1; the second has one of them.
    expect(items).toHaveLength(2);
    expect(items[0]?.id).toBe('3.2-q1');
    expect(['3.2.1-p3', '3.5.1-p2']).toContain(items[1]?.id);
    expect(items[0]?.origin).toBe('paper');
    expect(items[0]?.text.slice(1)).toEqual([' — ', { text: 'From the paper, §3.2.1', italic: true }]);
    expect(starter?.summary).toContain(
      'Related questions from other challenges: 3.2-q1 (From the paper, §3.2.1): ' +
        'Is reward hacking learned in context or during training?',
    );
    // The in-thread buttons are still there, before the related questions.
    expect(blocks.at(-3)?.kind).toBe('buttons');
  });
});
