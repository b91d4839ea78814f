import { describe, expect, it } from 'vitest';
import { formatSummary, mergeQuestions, type ImportedQuestion } from '../../../../src/core/agenda/import/index.js';

function doc() {
  return {
    facts: { questions_in_dataset: 1, questions_in_dataset_primary: 1, prompts_in_dataset: 1 },
    challenges: [
      {
        id: '3.5',
        questions_found: 1,
        questions_status: 'partial',
        questions: [
          { id: '3.5.1-p1', section: '3.5.1', origin: 'prompt', text: 'Our prompt.', keywords: ['k'] },
          {
            id: '3.5-q2',
            site_number: 2,
            section: '3.5.3',
            origin: 'paper',
            text: 'Old wording.',
            keywords: ['kept'],
            confidence: 'high',
          },
        ],
      },
      { id: '2.1', questions: [] },
    ],
  };
}

const q = (challengeId: string, number: number, section: string, text: string, line: number): ImportedQuestion => ({
  challengeId,
  number,
  section,
  text,
  place: { line },
});

describe('mergeQuestions', () => {
  it('adds, changes and keeps questions; paper questions first in number order; input untouched', () => {
    const input = doc();
    const snapshot = JSON.stringify(input);
    const { document, report } = mergeQuestions(
      input,
      [
        q('3.5', 3, '3.5.4', 'New third.', 4),
        q('3.5', 2, '3.5.3', 'New wording.', 3),
        q('3.5', 1, '3.5.1', 'New first.', 2),
      ],
      [],
      'list.md',
    );
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(report.added.map((a) => a.id)).toEqual(['3.5-q3', '3.5-q1']);
    expect(report.changed).toEqual([
      {
        id: '3.5-q2',
        section: '3.5.3',
        text: 'New wording.',
        place: { line: 3 },
        before: { section: '3.5.3', text: 'Old wording.' },
      },
    ]);
    const questions = (document['challenges'] as { questions: Record<string, unknown>[] }[])[0]?.questions;
    expect(questions?.map((x) => x['id'])).toEqual(['3.5-q1', '3.5-q2', '3.5-q3', '3.5.1-p1']);
    // A changed question keeps the fields the import does not know about.
    expect(questions?.[1]).toEqual({
      id: '3.5-q2',
      site_number: 2,
      section: '3.5.3',
      origin: 'paper',
      text: 'New wording.',
      keywords: ['kept'],
      confidence: 'high',
      imported_from: 'list.md',
    });
  });

  it('brings the recorded counts up to date', () => {
    const { document } = mergeQuestions(
      doc(),
      [q('3.5', 1, '3.5.1', 'New first.', 2), q('3.5', 5, '3.5.2', 'Fifth.', 3)],
      [],
      'list.md',
    );
    expect(document['facts']).toEqual({
      questions_in_dataset: 3,
      questions_in_dataset_primary: 3,
      prompts_in_dataset: 1,
    });
    const challenge = (document['challenges'] as Record<string, unknown>[])[0];
    expect(challenge?.['questions_found']).toBe(3);
    expect(challenge?.['questions_status']).toBe('3 paper questions, some imported from list.md');
  });

  it('counts an identical question as unchanged and the summary says so', () => {
    const { report } = mergeQuestions(doc(), [q('3.5', 2, '3.5.3', 'Old wording.', 9)], [], 'again.md');
    expect(report.unchanged).toEqual(['3.5-q2']);
    expect(formatSummary(report, { dryRun: false, limit: 50 })).toEqual([
      'Done: 0 added, 0 changed, 1 unchanged, 0 rejected.',
    ]);
  });

  it('summarises a move to another subsection and cuts long groups', () => {
    const many = Array.from({ length: 3 }, (_, k) => q('2.1', k + 1, '2.1.1', `Question ${k + 1}.`, k + 1));
    const { report } = mergeQuestions(
      doc(),
      [...many, q('3.5', 2, '3.5.5', 'Old wording.', 7)],
      [{ code: 'empty-text', place: { line: 8 }, message: 'question 4 has no text (only a number)' }],
      'x.md',
    );
    expect(formatSummary(report, { dryRun: true, limit: 2 })).toEqual([
      'Would add (3):',
      '  + 2.1-q1 (§2.1.1, line 1): Question 1.',
      '  + 2.1-q2 (§2.1.1, line 2): Question 2.',
      '  … and 1 more',
      'Would change (1):',
      '  ~ 3.5-q2 (§3.5.3 → §3.5.5, line 7): Old wording.',
      'Rejected (1):',
      '  ✗ line 8: question 4 has no text (only a number)',
      'Dry run: 3 added, 1 changed, 0 unchanged, 1 rejected. Nothing was written.',
    ]);
  });
});
