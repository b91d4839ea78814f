import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agendaCopy, cli, REAL_AGENDA } from './run-cli.js';

describe('npm run agenda -- validate', () => {
  it('accepts the fixture agenda and says what it holds', async () => {
    const { code, out } = await cli(['validate', REAL_AGENDA]);
    expect(code).toBe(0);
    expect(out).toBe(
      `${REAL_AGENDA} is a valid agenda: 3 categories, 18 challenges, 51 subsections, 2 paper questions, 104 discussion prompts.\n`,
    );
  });

  it('names line and column of a JSON syntax error and exits 1', async () => {
    const { dir } = agendaCopy();
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "id": "x",\n  "title": "y"\n  "short_title": "z"\n}\n');
    expect(await cli(['validate', path])).toEqual({
      code: 1,
      out: `${path}:4:3: expected ',' or '}' after a property value\n`,
      err: '',
    });
  });

  it('prints every problem with its JSON path', async () => {
    const { path } = agendaCopy();
    const doc = JSON.parse((await import('node:fs')).readFileSync(path, 'utf8')) as {
      challenges: { questions: { id: string; section: string; origin: string }[] }[];
      links: { challenge: string };
    };
    const first = doc.challenges[0]?.questions[0];
    if (!first) throw new Error('fixture agenda has no question');
    first.section = '9.9.9';
    first.origin = 'rumour';
    doc.links.challenge = 'https://example.org/no-placeholder';
    writeFileSync(path, JSON.stringify(doc));
    const { code, out } = await cli(['validate', path]);
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ problems found in /);
    expect(lines.some((l) => l.startsWith(`${path}: challenges[0].questions[0].origin: `))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${path}: links.challenge: `))).toBe(true);
  });

  it('reads YAML agenda files too, with line:column for syntax errors', async () => {
    const { dir } = agendaCopy();
    const path = join(dir, 'agenda.yaml');
    writeFileSync(path, 'id: x\nid: y\n');
    expect(await cli(['validate', path])).toMatchObject({ code: 1, out: `${path}:2:1: Map keys must be unique\n` });
  });

  it('refuses a binary or empty file plainly', async () => {
    const { dir } = agendaCopy();
    const path = join(dir, 'empty.json');
    writeFileSync(path, '  \n');
    expect(await cli(['validate', path])).toEqual({ code: 1, out: `${path} is empty\n`, err: '' });
  });
});

describe('npm run agenda -- bad arguments', () => {
  it.each([
    [[], 'agenda: no command given: use validate or import'],
    [['check', 'x.json'], 'agenda: "check" is not a command: use validate or import'],
    [
      ['validate', 'a.json', 'b.json'],
      'agenda: validate takes at most one file: npm run agenda -- validate [<agenda-file>]',
    ],
    [
      ['import', 'q.md', '--dryrun'],
      'agenda: unknown option --dryrun: accepted options are --dry-run, --agenda <file>, --all, --help',
    ],
    [['import', 'q.md', '--agenda'], 'agenda: option --agenda needs a value, e.g. --agenda data/agenda.json'],
  ])('%j gets a specific message and the usage', async (args, message) => {
    const { code, out, err } = await cli(args);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toBe(message);
    expect(err).toContain('Usage:\n  npm run agenda -- validate [<agenda-file>]');
  });

  it('prints the usage on --help with exit 0', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('npm run agenda -- import <questions-file> [--dry-run] [--agenda <agenda-file>] [--all]');
  });
});
