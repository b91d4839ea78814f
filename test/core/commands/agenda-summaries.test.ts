import { describe, expect, it } from 'vitest';
import { makeContext, makeServices } from '../../helpers/services.js';

const { dispatcher } = await makeServices({});
const ctx = makeContext({});
const summaryOf = async (text: string) => (await dispatcher.runText('agenda', text, ctx)).summary;

describe('lookup summaries carry the answer in plain text', () => {
  it('help: every category with its challenge ids and titles, then how to start', async () => {
    const summary = await summaryOf('help');
    expect(summary).toContain(
      '§3 Methods for building and deploying LLMs: 3.1 Pretraining yields models that start out misaligned; 3.2 ',
    );
    expect(summary).toContain(
      '3.6 Vulnerability to data poisoning and backdoors is poorly understood. §4 Sociotechnical challenges: 4.1 ',
    );
    expect(summary.endsWith('Start with /agenda challenge 3.5, /agenda search <words> or /agenda random.')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(1500);
  });

  it('challenge: paper questions and our prompts are listed apart, by id', async () => {
    const summary = await summaryOf('challenge 2.1');
    expect(summary).toContain('Subsections: 2.1.1 Whether ICL is elaborate pattern matching; 2.1.2 ');
    expect(summary).toContain(
      'From the paper (2): 2.1-q1, 2.1-q2. Discussion prompts, ours (12): 2.1.1-p1, 2.1.1-p2, 2.1.2-p1, 2.1.2-p2, 2.1.3-p1, 2.1.3-p2, 2.1.4-p1, 2.1.4-p2, 2.1.5-p1, 2.1.5-p2, 2.1.6-p1, 2.1.6-p2.',
    );
  });

  it('challenge without paper questions says so plainly', async () => {
    expect(await summaryOf('challenge 3.5')).toContain(
      'No questions from the paper yet. Discussion prompts, ours (14): 3.5.1-p1, ',
    );
  });

  it('subsection: each question with its origin', async () => {
    const summary = await summaryOf('challenge 2.1.1');
    expect(
      summary.startsWith(
        '§2.1.1 Whether ICL is elaborate pattern matching. Part of challenge 2.1 How in-context learning works is not understood. Questions: 2.1-q1 — From the paper, §2.1.1: ',
      ),
    ).toBe(true);
    expect(summary).toContain('2.1.1-p1 — Discussion prompt (ours): ');
  });

  it('category: its challenges by id and title', async () => {
    expect(await summaryOf('category 3')).toBe(
      '§3 Methods for building and deploying LLMs. Shortcomings of the techniques used to pretrain, finetune, evaluate, interpret and secure LLMs, which leave alignment and safety without firm guarantees. Challenges: 3.1 Pretraining yields models that start out misaligned; 3.2 Finetuning cannot yet assure alignment and safety; 3.3 LLM evaluations are confounded and biased; 3.4 Interpretation and explanation tools are missing or unfaithful; 3.5 Jailbreaks and prompt injection undermine LLM security; 3.6 Vulnerability to data poisoning and backdoors is poorly understood.',
    );
  });

  it('search: each hit by id and short title, and how many were left out', async () => {
    const summary = await summaryOf('search model');
    expect(
      summary.startsWith(
        '66 matches for "model", best first: 2.2.4 Subsection: Measuring a model\'s generality efficiently; 3.6.3 Subsection: ',
      ),
    ).toBe(true);
    expect(summary.endsWith('Showing 10 of 66 — narrow with in:2.6.')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(1500);
  });

  it('question and random keep the origin said plainly', async () => {
    expect(await summaryOf('question 3.5.2-p1')).toBe(
      '3.5.2-p1: Can gradient-based discrete optimization such as GCG be made cheap and reliable enough to serve as a standard worst-case test, and how well do continuous embedding-space attacks work as a proxy? (Discussion prompt written for this bot, on §3.5.2)',
    );
    expect((await summaryOf('random')).endsWith('(From the paper (§2.1.1))')).toBe(true);
  });
});
