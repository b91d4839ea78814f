/**
 * The compiled bot is a bundle: its stack traces must still name our TypeScript files and lines, read from the
 * maps beside the bundle, while frames of other files stay as V8 prints them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const INSTALLER = join(import.meta.dirname, '..', '..', 'src', 'run', 'stack-traces.ts');

/** Bundles `source` (as `thrower.ts`) the way `npm run bundle` does, runs it with plain node, returns its output. */
async function runBundled(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'agendabot-stack-traces-'));
  writeFileSync(join(dir, 'thrower.ts'), source);
  await build({
    entryPoints: [join(dir, 'thrower.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    sourcemap: true,
    outdir: join(dir, 'out'),
    logLevel: 'silent',
  });
  const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'out', 'thrower.js')]);
  return stdout;
}

const THROWER = (install: boolean) =>
  [
    `import { installStackTraceMaps } from ${JSON.stringify(INSTALLER)};`,
    install ? 'installStackTraceMaps(new URL(".", import.meta.url));' : '',
    'function failSlowly(): never {',
    "  throw new TypeError('no such challenge');",
    '}',
    'try {',
    '  failSlowly();',
    '} catch (error) {',
    '  process.stdout.write((error as Error).stack ?? "");',
    '}',
    '',
  ].join('\n');

it('names the TypeScript file, line and column of each of our frames', async () => {
  const stack = await runBundled(THROWER(true));
  const lines = stack.split('\n');
  expect(lines[0]).toBe('TypeError: no such challenge');
  expect(lines[1]).toMatch(/^ {4}at failSlowly \(.*\/thrower\.ts:4:9\)$/u);
  expect(lines[2]).toMatch(/^ {4}at .*\/thrower\.ts:7:3$/u);
  // node's own frames stay as they were.
  expect(stack).toMatch(/\n {4}at .*node:internal\//u);
});

it('without it, the same trace names only the bundle', async () => {
  const stack = await runBundled(THROWER(false));
  expect(stack).toMatch(/^TypeError: no such challenge\n {4}at failSlowly \(.*\/out\/thrower\.js:\d+:\d+\)/u);
  expect(stack).not.toContain('thrower.ts');
});
