import { describe, expect, it } from 'vitest';
import { buildPrefixIndex, prefixTiers, type NormalTexts } from '../../src/core/completion-index.js';

const texts = (normalIds: string[], normalWords: string[] = []): NormalTexts => ({ normalIds, normalWords });

describe('prefixTiers', () => {
  it('puts each candidate in its best tier only: exact id, id prefix, word prefix, later word', () => {
    const index = buildPrefixIndex([
      texts(['3.5', 'jailbreaks'], ['3.5 jailbreaks', 'prompt injection']),
      texts(['3.50'], ['3.5 again']),
      texts(['2.1'], ['in context learning', '3.5 notes']),
      texts(['4.1'], ['prompt injection', 'the 3.5 family']),
      texts(['4.2'], ['unrelated']),
    ]);
    expect(prefixTiers(index, '3.5', 25)).toEqual([[0], [1], [2], [3]]);
    expect(prefixTiers(index, 'inj', 25)).toEqual([[], [], [], [0, 3]]);
    expect(prefixTiers(index, 'prompt', 25)).toEqual([[], [], [0, 3], []]);
    expect(prefixTiers(index, 'zebra', 25)).toEqual([[], [], [], []]);
  });

  it('lists a tier in candidate order, not in the order of the sorted keys, and stops at the cap', () => {
    // Candidate n has the id q(99 - n): the keys q1, q10 … q19 belong to candidates 98 and 89 … 80.
    const index = buildPrefixIndex(Array.from({ length: 100 }, (_, n) => texts([`q${99 - n}`])));
    expect(prefixTiers(index, 'q1', 5)).toEqual([[98], [80, 81, 82, 83, 84], [], []]);
    expect(prefixTiers(index, 'q1', 25)).toEqual([[98], [80, 81, 82, 83, 84, 85, 86, 87, 88, 89], [], []]);
    expect(prefixTiers(index, 'q42', 5)).toEqual([[57], [], [], []]);
  });

  it('names a candidate once even when several of its keys match', () => {
    const index = buildPrefixIndex([
      texts(['a1'], ['reward hacking', 'reward models', 'rewards']),
      texts(['a2'], ['reward']),
    ]);
    expect(prefixTiers(index, 'rew', 25)).toEqual([[], [], [0, 1], []]);
  });

  it('finds what a scan of every candidate finds, on a larger generated agenda', () => {
    const syllables = ['re', 'ward', 'jail', 'break', 'sca', 'ling', 'a', 'gent'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = () => Array.from({ length: 1 + next(3) }, () => syllables[next(syllables.length)]).join('');
    const candidates = Array.from({ length: 3000 }, (_, n) =>
      texts([`${1 + next(4)}.${next(12)}.${next(5)}-p${n}`], [`${word()} ${word()}`, word()]),
    );
    const index = buildPrefixIndex(candidates);
    for (const typed of ['1', '2.1', '3.11.4-p', '4.0.0-p2999', 're', 'reward', 'jail', 'a', 'gent', 'ward j', 'zz']) {
      for (const cap of [3, 25, 5000])
        expect(prefixTiers(index, typed, cap), `${typed} ${cap}`).toEqual(scan(candidates, typed, cap));
    }
  });
});

/** The reference: every candidate tested against `typed`, one by one. */
function scan(candidates: readonly NormalTexts[], typed: string, cap: number): number[][] {
  const tiers: number[][] = [[], [], [], []];
  candidates.forEach((c, owner) => {
    const later = c.normalWords.flatMap((w) =>
      w
        .split(' ')
        .slice(1)
        .map((_, i) =>
          w
            .split(' ')
            .slice(i + 1)
            .join(' '),
        ),
    );
    const tier = c.normalIds.includes(typed)
      ? 0
      : c.normalIds.some((id) => id.startsWith(typed))
        ? 1
        : c.normalWords.some((w) => w.startsWith(typed))
          ? 2
          : later.some((w) => w.startsWith(typed))
            ? 3
            : undefined;
    if (tier !== undefined && (tiers[tier]?.length ?? 0) < cap) tiers[tier]?.push(owner);
  });
  return tiers;
}
