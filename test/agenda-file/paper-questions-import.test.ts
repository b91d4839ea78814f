/**
 * What the README tells every group to do: import the paper's questions into the
 * shipped agenda. A generated list of 213 paper-style questions (two per subsection,
 * one in the last) goes through the real CLI into a copy of the shipped agenda in a
 * temporary directory, and the lookup, search, weekly-question and reading-group flows
 * then run on the result through the dispatcher. Only the structure of the shipped
 * agenda is relied on (its challenges and subsections), never its questions.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAgenda } from '../../src/core/agenda/load.js';
import type { Block, Reply } from '../../src/core/message.js';
import { cli } from '../cli/run-cli.js';
import { SHIPPED_AGENDA_PATH } from '../fixtures/agenda.js';
import { digestEnv } from '../helpers/digest.js';
import { makeWorld } from '../helpers/reading-groups.js';
import { listItems, replyLines } from '../helpers/replies.js';
import { makeContext, makeServices } from '../helpers/services.js';

interface ChallengeDoc {
  id: string;
  paper_title: string;
  subsections: { section: string }[];
  questions: { origin: string }[];
}

interface Generated {
  readonly id: string;
  readonly section: string;
  readonly text: string;
}

/** Paper-style question `index` (0-based over the whole list): number `n` in its challenge, with a unique marker. */
function questionText(challengeId: string, n: number, index: number): string {
  const marker = `qm${String(index).padStart(3, '0')}`;
  return (
    `Which evidence would settle open problem ${n} of challenge ${challengeId}, marked ${marker}, ` +
    'across model families?'
  );
}

/** Markdown as the importer reads it: a heading per challenge, a numbered list, each item citing its subsection. */
function generateImport(challenges: readonly ChallengeDoc[]): { markdown: string; questions: Generated[] } {
  const questions: Generated[] = [];
  const lines = ["# Research questions (generated for this test, not the paper's text)", ''];
  challenges.forEach((challenge, c) => {
    lines.push(`## ${challenge.id} ${challenge.paper_title}`, '');
    let n = 0;
    challenge.subsections.forEach((subsection, s) => {
      const lastOfAll = c === challenges.length - 1 && s === challenge.subsections.length - 1;
      for (let k = 0; k < (lastOfAll ? 1 : 2); k++) {
        n += 1;
        const text = questionText(challenge.id, n, questions.length);
        questions.push({ id: `${challenge.id}-q${n}`, section: subsection.section, text });
        lines.push(`${n}. ${text} (Section ${subsection.section})`);
      }
    });
    lines.push('');
  });
  return { markdown: lines.join('\n'), questions };
}

function blocksOf<K extends Block['kind']>(reply: Reply | undefined, kind: K): Extract<Block, { kind: K }>[] {
  return (reply?.blocks ?? []).filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);
}

let agendaPath = '';
let generated: Generated[] = [];
const byId = (id: string): Generated => {
  const found = generated.find((q) => q.id === id);
  if (!found) throw new Error(`no generated question ${id}`);
  return found;
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paper-import-'));
  agendaPath = join(dir, 'agenda.json');
  const document = JSON.parse(readFileSync(SHIPPED_AGENDA_PATH, 'utf8')) as { challenges: ChallengeDoc[] };
  // Start from the shipped structure and prompts only, so the import alone decides the paper's questions.
  for (const challenge of document.challenges) {
    challenge.questions = challenge.questions.filter((q) => q.origin !== 'paper');
  }
  writeFileSync(agendaPath, JSON.stringify(document, null, 2));
  const input = generateImport(document.challenges);
  generated = input.questions;
  const inputPath = join(dir, 'paper-questions.md');
  writeFileSync(inputPath, input.markdown);
  const { code, out, err } = await cli(['import', inputPath, '--agenda', agendaPath]);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  expect(out).toContain('213 added, 0 changed, 0 unchanged, 0 rejected');
});

describe('the shipped agenda with 213 imported paper-style questions', () => {
  it('loads with every question of the list, at least one per subsection, each with its origin', () => {
    expect(generated).toHaveLength(213);
    const agenda = loadAgenda(agendaPath);
    const questions = agenda.challenges.flatMap((c) => c.questions);
    const paper = questions.filter((q) => q.origin === 'paper');
    expect(paper.map((q) => [q.id, q.section, q.text])).toEqual(generated.map((q) => [q.id, q.section, q.text]));
    const subsections = agenda.challenges.flatMap((c) => c.subsections.map((s) => s.section));
    expect(subsections).toHaveLength(107);
    for (const section of subsections) expect(paper.some((q) => q.section === section)).toBe(true);
    for (const question of questions) expect(['paper', 'prompt']).toContain(question.origin);
  });

  it('looks questions up by id, says they are from the paper, and explains an id past the end', async () => {
    const { dispatcher } = await makeServices({ agendaPath });
    const run = (text: string) => dispatcher.runText('agenda', text, makeContext());
    const reply = await run('question 3.5-q3');
    expect(replyLines(reply)).toContain('From the paper (§3.5.2)');
    expect(listItems(reply)).toEqual([{ id: '3.5-q3', origin: 'paper', text: [byId('3.5-q3').text] }]);
    // Challenge 3.5 has 7 subsections, so 14 questions from the paper.
    const missing = await run('question 3.5-q15');
    expect(missing.summary).toBe(
      'No question 3.5-q15. Challenge 3.5 has questions from the paper: 3.5-q1, 3.5-q2, 3.5-q3, 3.5-q4, 3.5-q5, ' +
        '3.5-q6, 3.5-q7, 3.5-q8, 3.5-q9, 3.5-q10, 3.5-q11, 3.5-q12, 3.5-q13 and 3.5-q14.',
    );
    const challenge = await run('challenge 2.1');
    expect(
      listItems(challenge)
        .filter((i) => i.origin === 'paper')
        .map((i) => i.id)
        .slice(0, 3),
    ).toEqual(['2.1-q1', '2.1-q2', '2.1-q3']);
  });

  it('finds an imported question by a word only it contains', async () => {
    const { dispatcher } = await makeServices({ agendaPath });
    const reply = await dispatcher.runText('agenda', 'search qm117', makeContext());
    const hit = generated[117];
    expect(hit?.text).toContain('marked qm117,');
    expect(listItems(reply).map((i) => [i.id, i.origin])).toEqual([[hit?.id, 'paper']]);
  });

  it('posts a weekly question from the paper to a subscriber of origin:paper', async () => {
    const env = await digestEnv({ agendaPath, now: '2024-03-04T08:00:00Z' });
    expect((await env.run('subscribe in:3.5 origin:paper')).summary).toMatch(/^Subscribed \(id 1\)/u);
    env.clock.set('2024-03-04T09:00:00Z');
    await env.sweeper.sweep();
    expect(env.port.posts.map((p) => [p.key, p.conversation.channelId])).toEqual([
      ['digest:1:2024-W10', 'dm:U1'],
      ['digest:1:2024-W10:thread', 'dm:U1'],
    ]);
    const items = blocksOf(env.port.posts[0]?.reply, 'list').flatMap((b) => b.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.origin).toBe('paper');
      expect(item.id).toMatch(/^3\.5-q(?:[1-9]|1[0-4])$/u);
    }
  });

  it("puts the paper's questions into a reading group's reminder", async () => {
    const world = await makeWorld({ agendaPath, now: '2027-01-04T09:00:00Z' });
    const created = await world.dispatcher.runText(
      'readinggroup',
      'create name:"Paper RG" syllabus:2.1,3.5 day=thu time=17:00 tz=Europe/Berlin start=2027-01-14',
      world.ctx('U1'),
    );
    expect(created.summary).toMatch(/^Created "Paper RG" with 2 sessions/u);
    world.clock.set('2027-01-13T16:00:00Z');
    await world.sweep();
    const reminder = world.port.posts.find((p) => p.key === 'rg:1:1:reminder:2027-01-14')?.reply;
    const first = byId('2.1-q1');
    expect(reminder?.summary).toContain(`Questions: 2.1-q1 (From the paper, §2.1.1): ${first.text}`);
    const questions = blocksOf(reminder, 'list')[1]?.items ?? [];
    expect(questions.slice(0, 2).map((q) => [q.id, q.origin])).toEqual([
      ['2.1-q1', 'paper'],
      ['2.1-q2', 'paper'],
    ]);
  });
});
