import { describe, expect, it } from 'vitest';
import { agendaCommand, registry } from '../../../src/core/features/index.js';
import { defineSubcommand } from '../../../src/core/commands/spec.js';
import { makeHelpSubcommand } from '../../../src/core/features/lookups/help.js';
import { listItems, replyButtons, replyLines } from '../../helpers/replies.js';
import { makeContext, makeServices } from '../../helpers/services.js';

const { dispatcher, services } = await makeServices();
const ctx = makeContext();
const run = (text: string) => dispatcher.runText('agenda', text, ctx);

describe('/agenda help', () => {
  it('is what a bare /agenda shows', async () => {
    const bare = await run('');
    const help = await run('help');
    expect(bare).toEqual(help);
    expect(bare.visibility).toBe('ephemeral');
  });

  it('lists the categories with their challenges and question counts', async () => {
    const lines = replyLines(await run('help'));
    expect(lines).toContain('§2 Scientific understanding of LLMs');
    expect(lines).toContain(
      '[2.1] How in-context learning works is not understood (2 from the paper, 12 discussion prompts)',
    );
    expect(lines).toContain(
      '[3.4] Interpretation and explanation tools are missing or unfaithful (none from the paper yet, 24 discussion prompts)',
    );
    expect(lines).toContain('§4 Sociotechnical challenges');
  });

  it('explains every registered command with an example', async () => {
    const lines = replyLines(await run('help'));
    expect(lines).toContain(
      '[/agenda search <words> [in=…] [origin=…]] Search challenges, subsections and questions by words — e.g. /agenda search jailbreak',
    );
    expect(lines).toContain(
      '[/agenda question <id>] Show one question by id, with where it comes from — e.g. /agenda question 2.1-q1',
    );
  });

  it('lists commands declared later, from the registry it is given', async () => {
    const extra = defineSubcommand({
      name: 'digest preview',
      description: 'Preview the weekly question',
      examples: ['/agenda digest preview'],
      options: [],
      run: () => ({ visibility: 'ephemeral', summary: '', blocks: [] }),
    });
    const commands = [{ ...agendaCommand, subcommands: [...agendaCommand.subcommands, extra] }];
    const reply = await makeHelpSubcommand(() => commands).run(ctx, {}, services);
    expect(replyLines(reply)).toContain(
      '[/agenda digest preview] Preview the weekly question — e.g. /agenda digest preview',
    );
    expect(registry.commands).toContain(agendaCommand);
  });

  it('credits the paper and says the prompts are ours', async () => {
    const lines = replyLines(await run('help'));
    const credit = lines.find((l) => l.startsWith('Agenda: '));
    expect(credit).toContain('Anwar et al. (2024)');
    expect(credit).toContain('https://arxiv.org/abs/2404.09932');
    expect(credit).toContain('CC BY 4.0');
    expect(credit).toContain("discussion prompts are ours, not the paper's");
  });

  it('can be shared', async () => {
    expect(replyButtons(await run('help'))).toEqual([{ action: 'share', value: 'help', label: 'Share in channel' }]);
  });
});

describe('/agenda category', () => {
  it('shows a category by number or name', async () => {
    const byNumber = await run('category 3');
    expect(await run('category development and deployment methods')).toEqual(byNumber);
    const lines = replyLines(byNumber);
    expect(lines[0]).toBe('§3 Methods for building and deploying LLMs');
    expect(lines).toContain('Paper heading: "Development and Deployment Methods"');
    expect(listItems(byNumber).map((i) => i.id)).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
    expect(replyButtons(byNumber).map((b) => `${b.action}:${b.value}`)).toEqual([
      'share:category 3',
      'open:3.1',
      'open:3.2',
      'open:3.3',
    ]);
  });

  it('points a challenge id to /agenda challenge', async () => {
    const reply = await run('category 3.5');
    expect(reply.summary).toBe(
      '`3.5` is challenge 3.5 Jailbreaks and prompt injection undermine LLM security. Try `/agenda challenge 3.5`, or name a category: 2 (Scientific understanding of LLMs), 3 (Methods for building and deploying LLMs) or 4 (Sociotechnical challenges).',
    );
  });

  it('lists the categories when nothing matches', async () => {
    expect((await run('category 7')).summary).toBe(
      'No category matches "7". Categories: 2 (Scientific understanding of LLMs), 3 (Methods for building and deploying LLMs) and 4 (Sociotechnical challenges).',
    );
  });
});

describe('/agenda challenge', () => {
  it('shows title, paper heading, summary, link, subsections and questions with their origin', async () => {
    const reply = await run('challenge 2.1');
    const lines = replyLines(reply);
    expect(lines[0]).toBe('2.1 How in-context learning works is not understood');
    expect(lines).toContain(
      'Paper heading: "In-Context Learning (ICL) is Black-Box" · in §2 Scientific understanding of LLMs',
    );
    expect(lines).toContain('§2.1 in the paper (PDF) <https://arxiv.org/pdf/2404.09932v2#subsection.2.1>');
    expect(lines).toContain('[2.1.1] Whether ICL is elaborate pattern matching');
    expect(lines).toContain('Questions: 2 from the paper, 12 discussion prompts');
    const items = listItems(reply);
    const paper = items.find((i) => i.id === '2.1-q1');
    const prompt = items.find((i) => i.id === '2.1.1-p1');
    expect(paper?.origin).toBe('paper');
    expect(replyLines({ ...reply, blocks: [{ kind: 'list', items: paper ? [paper] : [] }] })[0]).toMatch(
      / — From the paper, §2\.1\.1$/u,
    );
    expect(prompt?.origin).toBe('prompt');
    expect(replyLines({ ...reply, blocks: [{ kind: 'list', items: prompt ? [prompt] : [] }] })[0]).toMatch(
      / — Discussion prompt \(ours\)$/u,
    );
  });

  it('accepts slugs, headings and words, and says when it guessed', async () => {
    const byId = await run('challenge 3.5');
    expect(await run('challenge jailbreaks-prompt-injection')).toEqual(byId);
    const loose = await run('challenge prompt injection');
    expect(replyLines(loose)).toContain('Best match for "prompt injection".');
    expect(replyLines(loose)[0]).toBe('3.5 Jailbreaks and prompt injection undermine LLM security');
    expect(replyLines(await run('challenge evaluation'))).toContain(
      'Best match for "evaluation". Also close: 2.2 What LLMs can do is hard to measure and understand.',
    );
  });

  it('shows a subsection when given a subsection id', async () => {
    const reply = await run('challenge 3.5.2');
    expect(replyLines(reply).slice(0, 2)).toEqual([
      '§3.5.2 Lack of efficient, reliable white-box attacks',
      'Part of challenge 3.5 Jailbreaks and prompt injection undermine LLM security',
    ]);
    expect(listItems(reply).map((i) => i.id)).toEqual(['3.5.2-p1', '3.5.2-p2']);
    expect(replyButtons(reply).map((b) => `${b.action}:${b.value}`)).toEqual([
      'share:challenge 3.5.2',
      'open:3.5.2-p1',
      'open:3.5.2-p2',
      'open:3.5.3',
      'open:3.5',
    ]);
  });

  it('offers navigation and sharing', async () => {
    expect(replyButtons(await run('challenge 3.5')).map((b) => `${b.action}:${b.value}:${b.label}`)).toEqual([
      'share:challenge 3.5:Share in channel',
      'open:3.5.1:Start with §3.5.1',
      'open:3.6:Next challenge (3.6)',
    ]);
  });

  it('answers a typo with "did you mean" and the accepted forms', async () => {
    expect((await run('challenge jailbrake')).summary).toBe(
      'No challenge matches "jailbrake". Did you mean 3.5 (Jailbreaks and prompt injection undermine LLM security)? Use a challenge id (2.1–2.7, 3.1–3.6 and 4.1–4.5), a slug such as `icl-black-box`, or words from its title. `/agenda help` lists them all.',
    );
  });

  it('answers unknown challenges with the accepted forms', async () => {
    expect((await run('challenge 9.9')).summary).toBe(
      'No challenge matches "9.9". Use a challenge id (2.1–2.7, 3.1–3.6 and 4.1–4.5), a slug such as `icl-black-box`, or words from its title. `/agenda help` lists them all.',
    );
  });

  it('points a category to /agenda category', async () => {
    expect((await run('challenge sociotechnical')).summary).toBe(
      '`sociotechnical` is category §4 (Sociotechnical challenges), which holds challenges 4.1 to 4.5. Try `/agenda category 4`.',
    );
  });

  it('asks for the missing argument with an example', async () => {
    expect((await run('challenge')).summary).toBe(
      '`/agenda challenge` needs `challenge` (challenge id (3.5), slug, or words from its title). Usage: `/agenda challenge <challenge>`, for example `/agenda challenge 3.5`.',
    );
  });
});
