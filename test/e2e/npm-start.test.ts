import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Runs `npm start` with no platform tokens, feeds `input` on stdin, and collects both streams. */
function runShell(
  input: string,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(SLACK|DISCORD)_/u.test(key)) env[key] = value;
  }
  Object.assign(
    env,
    { DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'agendabot-e2e-')), 'bot.db'), LOG_LEVEL: 'info' },
    extraEnv,
  );
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm start with no tokens (the shell)', () => {
  it('answers commands read from standard input and exits at the end of input', async () => {
    const { code, stdout, stderr } = await runShell(
      [
        '/agenda challenge 3.5',
        '/agenda question 2.1-q1',
        '/agenda question 3.5.9-p1',
        '/agenda search "NEAR(',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
    // The challenge with its subsections and question ids, each marked with its origin.
    expect(stdout).toContain('== 3.5 Jailbreaks and prompt injection undermine LLM security ==');
    expect(stdout).toContain('3.5.7  No robust privilege levels within a model');
    expect(stdout).toMatch(/3\.5\.1-p1 .*Discussion prompt \(ours\)/u);
    // The paper's question, said to be the paper's and cited. This runs on the shipped agenda, so it checks
    // structure only: which subsection of 2.1 the paper's first question cites may change with new content.
    expect(stdout).toMatch(/2\.1-q1/u);
    expect(stdout).toMatch(/From the paper \(§2\.1\.\d+\)/u);
    expect(stdout).toContain('Nothing found for "NEAR(".');
    // A specific reply to an unknown id.
    expect(stdout).toContain(
      'No question 3.5.9-p1. Subsection 3.5.9 does not exist; challenge 3.5 has subsections 3.5.1 to 3.5.7.',
    );
    // Logs go to standard error as JSON, never into the chat.
    expect(stdout).not.toContain('"level"');
    expect(stderr).toContain('"msg":"agenda indexed"');
    expect(stdout).not.toMatch(/\n\s+at /u); // no stack trace
  });

  it('refuses to start on a bad configuration, listing every problem', async () => {
    const { code, stdout, stderr } = await runShell('', { DEFAULT_TIMEZONE: 'Mars/Olympus', LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('DEFAULT_TIMEZONE=Mars/Olympus is not an IANA time zone');
    expect(stderr).toContain('LOG_LEVEL=loud is not one of');
  });

  it('refuses to start on an agenda file that does not exist, saying which', async () => {
    const { code, stderr } = await runShell('', { AGENDA_PATH: 'data/no-such-agenda.json' });
    expect(code).toBe(1);
    expect(stderr).toContain('data/no-such-agenda.json');
    expect(stderr).not.toMatch(/\n\s+at /u);
  });
});
