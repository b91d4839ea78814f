import { describe, expect, it } from 'vitest';
import { shareInvocation } from '../../../src/core/features/lookups/search.js';
import { listItems, listMore, replyButtons, replyLines } from '../../helpers/replies.js';
import { makeContext, makeServices } from '../../helpers/services.js';

const { dispatcher } = await makeServices({ randomValues: [0.5, 0, 0.999999] });
const ctx = makeContext();
const run = (text: string) => dispatcher.runText('agenda', text, ctx);

describe('/agenda question', () => {
  it('says plainly that a paper question is from the paper', async () => {
    const reply = await run('question 2.1-q1');
    const lines = replyLines(reply);
    expect(lines).toContain('From the paper (§2.1.1)');
    expect(lines).toContain(
      'Challenge 2.1 How in-context learning works is not understood · §2.1.1 Whether ICL is elaborate pattern matching',
    );
    expect(lines).toContain('§2.1.1 in the paper (PDF) <https://arxiv.org/pdf/2404.09932v2#subsubsection.2.1.1>');
    expect(listItems(reply)).toEqual([
      {
        id: '2.1-q1',
        origin: 'paper',
        text: [
          "Can either the 'elaborate pattern matching' account or the 'learned inner optimizer' account of ICL be broadened to explain every in-context behavior that LLMs actually show?",
        ],
      },
    ]);
    expect(reply.summary).toMatch(/\(From the paper \(§2\.1\.1\)\)$/u);
  });

  it('says plainly that a prompt is ours', async () => {
    const reply = await run('question 3.5.2-p1');
    expect(replyLines(reply)).toContain('Discussion prompt written for this bot, on §3.5.2');
    expect(replyLines(reply)).not.toContain('From the paper (§3.5.2)');
    expect(listItems(reply)[0]?.origin).toBe('prompt');
    expect(replyButtons(reply).map((b) => `${b.action}:${b.value}`)).toEqual([
      'share:question 3.5.2-p1',
      'open:3.5.2',
      'open:3.5.2-p2',
      'related:3.5.2-p1',
    ]);
  });

  it('accepts loose spellings of ids', async () => {
    const exact = await run('question 3.5.2-p1');
    expect(await run('question 3.5.2P1')).toEqual(exact);
    expect(await run('question §3.5.2 p1')).toEqual(exact);
  });

  it.each([
    [
      '3.5.9-p1',
      'No question 3.5.9-p1. Subsection 3.5.9 does not exist; challenge 3.5 has subsections 3.5.1 to 3.5.7.',
    ],
    ['3.5.2-p9', 'No question 3.5.2-p9. Subsection 3.5.2 has 3.5.2-p1 and 3.5.2-p2.'],
    ['9.9-q1', 'No question 9.9-q1. Challenge 9.9 does not exist; challenges are 2.1–2.7, 3.1–3.6 and 4.1–4.5.'],
    ['2.1-q7', 'No question 2.1-q7. Challenge 2.1 has questions from the paper: 2.1-q1 and 2.1-q2.'],
    [
      '3.5-q1',
      'No question 3.5-q1. No questions from the paper are loaded for challenge 3.5 yet; it has discussion prompts 3.5.1-p1 to 3.5.7-p2.',
    ],
    [
      '3.5.2-q1',
      'No question 3.5.2-q1. Questions from the paper are numbered per challenge, e.g. `3.5-q1`; prompts per subsection, e.g. `3.5.1-p1`.',
    ],
    [
      '3.5-p1',
      'No question 3.5-p1. Prompts are numbered per subsection (e.g. `3.5.1-p1`); challenge 3.5 has subsections 3.5.1 to 3.5.7.',
    ],
    ['3.5.2', '`3.5.2` is a subsection, not a question. Its questions: 3.5.2-p1 and 3.5.2-p2.'],
    [
      'foo',
      '`foo` is not a question id. Question ids look like `2.1-q1` (a question from the paper) or `3.5.2-p1` (a discussion prompt of ours). Find one with `/agenda search <words>`.',
    ],
  ])('explains why %s is not a question', async (id, expected) => {
    expect((await run(`question ${id}`)).summary).toBe(expected);
  });
});

describe('/agenda search', () => {
  it('shows ranked hits, each question with its origin', async () => {
    const reply = await run('search prompt injection');
    expect(listItems(reply).map((i) => i.id)).toEqual(['3.5.1', '3.5', '3.5.7-p1', '3.5.7-p2']);
    expect(replyLines(reply)).toContain('[3.5] Challenge: Jailbreaks and prompt injection undermine LLM security');
    expect(listItems(reply)[2]?.origin).toBe('prompt');
    expect(replyLines(reply)).toContain('4 matches for "prompt injection", best first.');
    expect(listMore(reply)).toBeUndefined();
  });

  it('shows at most 10 hits and says how to narrow', async () => {
    const reply = await run('search model');
    expect(listItems(reply)).toHaveLength(10);
    expect(listMore(reply)).toMatch(/^showing 10 of \d+ — narrow with in:\d\.\d$/u);
    const narrowed = await run('search model in:3.5');
    expect(listMore(narrowed)).toBeUndefined();
    expect(listItems(narrowed).every((i) => i.id.startsWith('3.5'))).toBe(true);
  });

  it('filters by origin and by category', async () => {
    expect(listItems(await run('search icl origin:paper')).map((i) => i.id)).toEqual(['2.1-q1', '2.1-q2']);
    const inCategory = listItems(await run('search evaluation in:4'));
    expect(inCategory.length).toBeGreaterThan(0);
    expect(inCategory.every((i) => i.id.startsWith('4.'))).toBe(true);
  });

  it('shares the search with its scope by id, and opens the top hits', async () => {
    const reply = await run('search model in:"prompt injection"');
    expect(replyButtons(reply).map((b) => `${b.action}:${b.value}`)).toEqual([
      'share:search model in:3.5',
      'open:3.5.7',
      'open:3.5.4-p1',
      'open:3.5.1-p2',
    ]);
  });

  it('keeps shared searches within 90 characters', () => {
    const long = 'interpretability '.repeat(10);
    const value = shareInvocation(long, ['in:3.4', 'origin:prompt']);
    expect(value.length).toBeLessThanOrEqual(90);
    expect(value).toBe('search interpretability interpretability interpretability in:3.4 origin:prompt');
    expect(shareInvocation('"quoted words"', [])).toBe('search quoted words');
  });

  it('says when nothing was found', async () => {
    expect((await run('search zzqx in:3.5')).summary).toBe(
      'Nothing found for "zzqx" in:3.5. Try other or fewer words, drop a filter, or browse with `/agenda help`.',
    );
  });

  it('says when hits have only some of the words', async () => {
    expect(replyLines(await run('search jailbreak zzqx'))).toContain(
      'No entry has all of these words; these have some of them.',
    );
  });

  it.each([
    [
      'search x origin:xyz',
      'origin:xyz is not accepted: use origin:paper (questions from the paper) or origin:prompt (our discussion prompts).',
    ],
    [
      'search x in:9.9',
      'in:9.9 matches no challenge or category. Use a challenge id (2.1–2.7, 3.1–3.6 and 4.1–4.5), a category number (2, 3 or 4) or a name such as "in-context learning".',
    ],
    [
      'search x in:jailbrake',
      'in:jailbrake matches no challenge or category. Did you mean 3.5 (Jailbreaks and prompt injection undermine LLM security)? Use a challenge id (2.1–2.7, 3.1–3.6 and 4.1–4.5), a category number (2, 3 or 4) or a name such as "in-context learning".',
    ],
    [
      'search',
      '`/agenda search` needs `words` (what to look for). Usage: `/agenda search <words> [in=…] [origin=…]`, for example `/agenda search jailbreak`.',
    ],
  ])('%s gets a specific error', async (text, expected) => {
    expect((await run(text)).summary).toBe(expected);
  });

  it.each([['"'], ['*'], ['NEAR('], ['OR'], ["a'b"], ['@x'], ['x'.repeat(5000)]])(
    'answers hostile words %j without an internal error',
    async (words) => {
      const reply = await run(`search ${words}`);
      expect(reply.summary).not.toMatch(/Something went wrong/u);
    },
  );
});

describe('/agenda random', () => {
  it('picks with the injected random source, across the whole agenda', async () => {
    const { dispatcher: fresh } = await makeServices({ randomValues: [0, 0.999999] });
    const first = await fresh.runText('agenda', 'random', ctx);
    expect(listItems(first)[0]?.id).toBe('2.1-q1');
    expect(replyLines(first)).toContain('Picked at random from the whole agenda (106 questions).');
    const last = await fresh.runText('agenda', 'random', ctx);
    expect(listItems(last)[0]?.id).toBe('4.5.11-p2');
  });

  it('picks within a challenge or category, and by origin', async () => {
    const { dispatcher: fresh } = await makeServices({ randomValues: [0.5] });
    const inChallenge = await fresh.runText('agenda', 'random jailbreaks', ctx);
    expect(listItems(inChallenge)[0]?.id).toBe('3.5.4-p2');
    expect(replyLines(inChallenge)).toContain('Picked at random from challenge 3.5 (14 questions).');
    const paper = await fresh.runText('agenda', 'random origin:paper', ctx);
    expect(listItems(paper)[0]?.id).toBe('2.1-q2');
    expect(replyLines(paper)).toContain('Picked at random from the whole agenda (2 paper questions).');
  });

  it('shares the picked question, not another roll', async () => {
    const { dispatcher: fresh } = await makeServices({ randomValues: [0] });
    const reply = await fresh.runText('agenda', 'random 4', ctx);
    expect(replyButtons(reply)[0]).toEqual({ action: 'share', value: 'question 4.1.1-p1', label: 'Share in channel' });
  });

  it('explains an empty pick and an unknown scope', async () => {
    expect((await run('random 3.5 origin:paper')).summary).toBe(
      'There are no questions from the paper in challenge 3.5 yet. Try `/agenda random` without filters.',
    );
    expect((await run('random 9.9')).summary).toMatch(/^"9\.9" matches no challenge or category\. Use a challenge id/u);
  });
});

describe('pasted pages of text', () => {
  const page = 'lorem ipsum dolor '.repeat(300);

  it.each([
    [`challenge ${page}`],
    [`category ${page}`],
    [`question ${page}`],
    [`search ${page}`],
    [`search x in:"${page}"`],
    [`search x origin:"${page}"`],
    [`random ${page}`],
  ])('are quoted back briefly (%#)', async (text) => {
    const reply = await run(text);
    expect(reply.summary.length).toBeLessThan(500);
    expect(reply.summary).not.toMatch(/Something went wrong/u);
  });

  it('are cut at a word with a marker', async () => {
    expect((await run(`category ${page}`)).summary).toMatch(
      /^No category matches "lorem ipsum dolor lorem ipsum dolor lorem ipsum dolor…"\./u,
    );
  });
});
