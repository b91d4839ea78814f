import { describe, expect, it } from 'vitest';
import type { ScopeResolution } from '../../../src/core/agenda/catalog.js';
import { createCatalog } from '../../../src/core/agenda/catalog-impl.js';
import { loadAgenda } from '../../../src/core/agenda/load.js';
import { FIXTURE_AGENDA_PATH } from '../../fixtures/agenda.js';

const catalog = createCatalog(loadAgenda(FIXTURE_AGENDA_PATH));

/** `3.5`, `cat 3` or `none: 3.5,3.6`: a compact view of a resolution for table tests. */
function shown(resolution: ScopeResolution): string {
  if (resolution.kind === 'challenge') return resolution.challenge.id;
  if (resolution.kind === 'category') return `cat ${resolution.category.section}`;
  return `none: ${resolution.suggestions.join(',')}`;
}

describe('id lookups', () => {
  it('finds categories by id and by section number', () => {
    expect(catalog.category('sociotechnical')?.section).toBe('4');
    expect(catalog.category('3')?.id).toBe('development-deployment');
    expect(catalog.category('5')).toBeUndefined();
  });

  it('finds challenges, subsections and questions', () => {
    expect(catalog.challenge('3.6')?.slug).toBe('poisoning-backdoors');
    expect(catalog.subsection('3.5.2')?.title).toBe('Lack of efficient, reliable white-box attacks');
    expect(catalog.question('2.1-q1')?.origin).toBe('paper');
    expect(catalog.question('3.5.2-p1')?.section).toBe('3.5.2');
    expect(catalog.question('3.5.9-p1')).toBeUndefined();
  });

  it('lists questions in agenda order', () => {
    const ids = catalog.questions().map((q) => q.id);
    expect(ids).toHaveLength(106);
    expect(ids.slice(0, 4)).toEqual(['2.1-q1', '2.1.1-p1', '2.1.1-p2', '2.1-q2']);
    expect(ids.at(-1)).toBe('4.5.11-p2');
  });

  it('fills link templates for challenges and subsections', () => {
    expect(catalog.link('3.5')).toBe('https://arxiv.org/pdf/2404.09932v2#subsection.3.5');
    expect(catalog.link('3.5.2')).toBe('https://arxiv.org/pdf/2404.09932v2#subsubsection.3.5.2');
  });

  it('lists the challenges of a scope', () => {
    const sociotechnical = catalog.resolveScope('4');
    if (sociotechnical.kind === 'none') throw new Error('category 4 not found');
    expect(catalog.challengeIdsOf(sociotechnical)).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5']);
  });
});

describe('resolveScope', () => {
  it.each([
    ['3.5', '3.5'],
    ['§3.5', '3.5'],
    ['section 3.5', '3.5'],
    ['3.5.2', '3.5'],
    ['3', 'cat 3'],
    ['2', 'cat 2'],
    ['sociotechnical', 'cat 4'],
    ['Scientific Understanding of LLMs', 'cat 2'],
    ['jailbreaks-prompt-injection', '3.5'],
    ['Vulnerability to Poisoning and Backdoors is Poorly Understood', '3.6'],
    ['Governance of LLMs is lacking', '4.5'],
    ['jailbreaks', '3.5'],
    ['prompt injection', '3.5'],
    ['backdoor', '3.6'],
    ['multi-agent', '2.6'],
    ['interpretability', '3.4'],
    ['ICL', '2.1'],
  ])('resolves %j to %s', (text, expected) => {
    expect(shown(catalog.resolveScope(text))).toBe(expected);
  });

  it('offers near misses for typos instead of guessing', () => {
    expect(shown(catalog.resolveScope('jailbrake'))).toBe('none: 3.5');
    expect(shown(catalog.resolveScope('bakdoors'))).toBe('none: 3.6');
  });

  it('finds nothing for unknown ids and nonsense', () => {
    expect(shown(catalog.resolveScope('9.9'))).toBe('none: ');
    expect(shown(catalog.resolveScope('xyzzy'))).toBe('none: ');
    expect(shown(catalog.resolveScope(''))).toBe('none: ');
  });
});

describe('resolveChallenge', () => {
  it('marks ids, slugs and headings as exact', () => {
    const match = catalog.resolveChallenge('In-Context Learning (ICL) is Black-Box');
    expect(match).toMatchObject({ kind: 'found', exact: true, alternatives: [] });
    expect(match.kind === 'found' && match.challenge.id).toBe('2.1');
  });

  it('gives the best loose match with close runners-up', () => {
    const match = catalog.resolveChallenge('evaluation');
    if (match.kind !== 'found') throw new Error('expected a match');
    expect([match.challenge.id, match.exact, match.alternatives.map((c) => c.id)]).toEqual(['3.3', false, ['2.2']]);
    const cot = catalog.resolveChallenge('chain of thought');
    if (cot.kind !== 'found') throw new Error('expected a match');
    expect([cot.challenge.id, cot.alternatives.map((c) => c.id)]).toEqual(['2.4', ['3.4']]);
  });

  it('returns suggestions for a near miss', () => {
    const match = catalog.resolveChallenge('jailbrake');
    expect(match.kind === 'none' && match.suggestions.map((c) => c.id)).toEqual(['3.5']);
  });
});
