import { describe, expect, it } from 'vitest';
import { ReplyMemo, isSettled } from '../../src/core/reply-memo.js';
import type { Reply } from '../../src/core/message.js';

function reply(summary: string): Reply {
  return { visibility: 'ephemeral', summary, blocks: [{ kind: 'text', spans: [summary] }] };
}

describe('ReplyMemo', () => {
  it('builds a reply once per owner and key, and hands the same one out again', () => {
    const memo = new ReplyMemo<object>();
    const owner = {};
    let builds = 0;
    const build = () => {
      builds += 1;
      return reply('help');
    };
    const first = memo.get(owner, 'help', build);
    const second = memo.get(owner, 'help', build);
    expect(second).toBe(first);
    expect(builds).toBe(1);
    expect(memo.get({}, 'help', build)).not.toBe(first);
    expect(builds).toBe(2);
  });

  it('freezes kept replies all the way down and marks them settled', () => {
    const memo = new ReplyMemo<object>();
    const kept = memo.get({}, 'k', () => reply('frozen'));
    expect(isSettled(kept)).toBe(true);
    expect(isSettled(reply('fresh'))).toBe(false);
    expect(Object.isFrozen(kept.blocks)).toBe(true);
    expect(() => (kept.blocks as Reply['blocks'][number][]).push({ kind: 'divider' })).toThrow(TypeError);
  });

  it('builds again when the reply was kept with another object it was built from', () => {
    const memo = new ReplyMemo<object>();
    const owner = {};
    const [catalogA, catalogB] = [{}, {}];
    const a = memo.get(owner, 'k', () => reply('a'), catalogA);
    expect(memo.get(owner, 'k', () => reply('b'), catalogA)).toBe(a);
    expect(memo.get(owner, 'k', () => reply('b'), catalogB).summary).toBe('b');
  });

  it('keeps nothing when building throws', () => {
    const memo = new ReplyMemo<object>();
    const owner = {};
    expect(() =>
      memo.get(owner, 'missing', () => {
        throw new Error('no such challenge');
      }),
    ).toThrow('no such challenge');
    expect(memo.get(owner, 'missing', () => reply('now there is')).summary).toBe('now there is');
  });

  it('lets the oldest reply go when full', () => {
    const memo = new ReplyMemo<object>(2);
    const owner = {};
    const one = memo.get(owner, '1', () => reply('1'));
    memo.get(owner, '2', () => reply('2'));
    memo.get(owner, '3', () => reply('3'));
    expect(memo.get(owner, '1', () => reply('1 again'))).not.toBe(one);
    expect(memo.get(owner, '3', () => reply('3 again')).summary).toBe('3');
  });
});
