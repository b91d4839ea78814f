import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgenda } from '../../src/core/agenda/load.js';
import { agendaCopy, cli, fixture } from './run-cli.js';

describe('npm run agenda -- import', () => {
  it('dry run prints what would be added and changed, with counts, and writes nothing', async () => {
    const { dir, path } = agendaCopy();
    const before = readFileSync(path, 'utf8');
    const { code, out, err } = await cli(['import', fixture('clean.md'), '--dry-run', '--agenda', path]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out.split('\n').slice(0, 2)).toEqual([
      `Agenda file: ${path} (from --agenda)`,
      `Importing ${fixture('clean.md')} (text) into ${path} (dry run)`,
    ]);
    expect(out.split('\n').slice(2)).toEqual([
      'Would add (5):',
      '  + 2.1-q3 (§2.1.3, line 7): Does some property of the attention heads explain when in-context learning breaks down?',
      '  + 3.5-q1 (§3.5.1, line 11): Is there a shared internal feature that successful jailbreak prompts all trigger?',
      '  + 3.5-q2 (§3.5.3, line 12): How quickly do jailbreak defences decay as attackers adapt to them?',
      '  + 3.5-q3 (§3.5.4, line 13): Can refusal training be made robust to prompts translated into low-resource languages?',
      "  + 3.5-q4 (§3.5.2, line 14): How can an assistant that reads retrieved web pages keep apart its operator's instruction…",
      'Would change (2):',
      '  ~ 2.1-q1 (§2.1.1, line 5): Which features of the demonstrations does a model rely on when it learns a task in contex…',
      '  ~ 2.1-q2 (§2.1.2, line 6): Can statistics of the pretraining corpus predict which tasks a model will pick up in cont…',
      'Dry run: 5 added, 2 changed, 0 unchanged, 0 rejected. Nothing was written.',
      '',
    ]);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['agenda.json']);
  });

  it.each([
    ['clean.md', 0, 'Dry run: 5 added, 2 changed, 0 unchanged, 0 rejected. Nothing was written.'],
    ['wrapped.txt', 0, 'Dry run: 3 added, 0 changed, 0 unchanged, 0 rejected. Nothing was written.'],
    ['headings.md', 0, 'Dry run: 4 added, 2 changed, 0 unchanged, 0 rejected. Nothing was written.'],
    ['page.html', 0, 'Dry run: 3 added, 2 changed, 0 unchanged, 0 rejected. Nothing was written.'],
    ['bad-citations.md', 2, 'Dry run: 0 added, 1 changed, 0 unchanged, 4 rejected. Nothing was written.'],
    ['duplicates.md', 2, 'Dry run: 2 added, 0 changed, 0 unchanged, 3 rejected. Nothing was written.'],
    ['questions.json', 2, 'Dry run: 3 added, 0 changed, 0 unchanged, 3 rejected. Nothing was written.'],
    ['questions.yaml', 0, 'Dry run: 2 added, 0 changed, 0 unchanged, 0 rejected. Nothing was written.'],
  ])('dry run of %s against the fixture agenda ends with the right counts', async (name, expectedCode, last) => {
    const { path } = agendaCopy();
    const { code, out } = await cli(['import', fixture(name), '--dry-run', '--agenda', path]);
    expect(code).toBe(expectedCode);
    expect(out.trimEnd().split('\n').at(-1)).toBe(last);
  });

  it('a real run writes the agenda atomically, keeps a backup, and the result loads with the paper questions', async () => {
    const { dir, path } = agendaCopy();
    const before = readFileSync(path, 'utf8');
    const { code, out } = await cli(['import', fixture('clean.md'), '--agenda', path]);
    expect(code).toBe(0);
    expect(out).toContain('Done: 5 added, 2 changed, 0 unchanged, 0 rejected.');
    const backup = join(dir, 'agenda.json.20261126T163005Z.bak');
    expect(out).toContain(`Wrote ${path}; the previous version is kept as ${backup}.`);
    expect(readFileSync(backup, 'utf8')).toBe(before);
    // No temporary file is left beside it.
    expect(readdirSync(dir).sort()).toEqual(['agenda.json', 'agenda.json.20261126T163005Z.bak']);

    const agenda = loadAgenda(path);
    const jailbreaks = agenda.challenges.find((c) => c.id === '3.5');
    // The model lists questions subsection by subsection.
    expect(jailbreaks?.questions.filter((q) => q.origin === 'paper').map((q) => `${q.id} ${q.section}`)).toEqual([
      '3.5-q1 3.5.1',
      '3.5-q4 3.5.2',
      '3.5-q2 3.5.3',
      '3.5-q3 3.5.4',
    ]);
    // Our prompts are all still there (2 per subsection of 3.5).
    expect(jailbreaks?.questions.filter((q) => q.origin === 'prompt').length).toBe(14);
    const written = JSON.parse(readFileSync(path, 'utf8')) as {
      challenges: { id: string; questions: Record<string, unknown>[] }[];
    };
    expect(written.challenges.find((c) => c.id === '3.5')?.questions[3]).toEqual({
      id: '3.5-q4',
      site_number: 4,
      section: '3.5.2',
      origin: 'paper',
      text: "How can an assistant that reads retrieved web pages keep apart its operator's instructions and instructions planted in the pages?",
      keywords: [],
      imported_from: 'clean.md',
    });
    // Fields we do not model survive the rewrite.
    expect(written.challenges.find((c) => c.id === '2.1')?.questions[0]).toMatchObject({
      id: '2.1-q1',
      confidence: 'high',
    });
  });

  it('importing the same file again changes nothing and writes nothing', async () => {
    const { dir, path } = agendaCopy();
    await cli(['import', fixture('wrapped.txt'), '--agenda', path]);
    const second = await cli(['import', fixture('wrapped.txt'), '--agenda', path]);
    expect(second.out).toContain('Done: 0 added, 0 changed, 3 unchanged, 0 rejected.');
    expect(second.out).toContain(`${path} is unchanged.`);
    expect(readdirSync(dir).length).toBe(2);
  });

  it('imports the good items and exits 2 when some are rejected', async () => {
    const { path } = agendaCopy();
    const { code, out } = await cli(['import', fixture('duplicates.md'), '--agenda', path]);
    expect(code).toBe(2);
    expect(out).toContain(
      '  ✗ line 5: question 2 of challenge 3.5 is a duplicate: that number was already used at line 4',
    );
    expect(out).toContain('Done: 2 added, 0 changed, 0 unchanged, 3 rejected.');
    const paper = loadAgenda(path)
      .challenges.find((c) => c.id === '3.5')
      ?.questions.filter((q) => q.origin === 'paper');
    expect(paper?.map((q) => q.id)).toEqual(['3.5-q1', '3.5-q2']);
  });

  it('refuses empty and binary files with exit 1 and a specific message', async () => {
    const { path } = agendaCopy();
    const empty = await cli(['import', fixture('empty.txt'), '--agenda', path]);
    expect(empty).toEqual({
      code: 1,
      out: `Agenda file: ${path} (from --agenda)\n`,
      err: `agenda import: ${fixture('empty.txt')} is empty: there is nothing to import\n`,
    });
    const binary = await cli(['import', fixture('binary.bin'), '--agenda', path]);
    expect(binary.code).toBe(1);
    expect(binary.err).toContain('looks like a binary file, not text; import reads UTF-8 text');
    const missing = await cli(['import', '/nonexistent/questions.md', '--agenda', path]);
    expect(missing).toMatchObject({
      code: 1,
      err: 'agenda import: cannot read /nonexistent/questions.md: no such file (ENOENT)\n',
    });
  });

  it('refuses to import into an agenda file that is itself invalid', async () => {
    const { path } = agendaCopy();
    writeFileSync(path, '{"id": "x"}');
    const { code, err } = await cli(['import', fixture('clean.md'), '--agenda', path]);
    expect(code).toBe(1);
    expect(err).toMatch(/has \d+ problem\(s\); fix them first \(npm run agenda -- validate /);
  });

  it('prints progress on stderr for a long import, then the summary on stdout', async () => {
    const { dir, path } = agendaCopy();
    const lines = ['## 3.5 Jailbreaks'];
    for (let n = 1; n <= 40_000; n++)
      lines.push(
        `${n}. Generated question ${n} with enough words in it to make the whole file larger than a few megabytes? (Section 3.5.${(n % 7) + 1})`,
      );
    const big = join(dir, 'big.md');
    writeFileSync(big, lines.join('\n'));
    // The fake clock moves 700 ms per reading, so the import "takes" several seconds.
    // (The 10 MB inputs are parsed in large-input.test.ts; this one is about what the CLI prints.)
    const { code, out, err } = await cli(['import', big, '--dry-run', '--agenda', path], 700);
    expect(code).toBe(0);
    expect(err).toMatch(/^reading big\.md: \d\.\d MB of 4\.\d MB read \(\d+%\)\n/);
    expect(err).toMatch(
      new RegExp(
        `reading big\\.md: 4\\.\\d MB read in \\d+\\.\\d s\nmerging 40000 questions into ${path}…\nchecking the merged agenda…\n$`,
      ),
    );
    expect(out).toContain('  … and 39950 more');
    expect(out).toContain('Dry run: 40000 added, 0 changed, 0 unchanged, 0 rejected. Nothing was written.');
  });
});
