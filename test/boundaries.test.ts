import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gu),
  ].map((m) => m[1] ?? m[2] ?? '');
}

function violations(dir: string, forbidden: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(join(root, dir)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => forbidden(specifier, file))
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );
}

const PLATFORMS = /^(@slack\/|discord\.js|@discordjs\/)/u;

describe('architecture boundaries', () => {
  it('keeps src/ free of chat platforms and adapters, but for the composition root', () => {
    // src/main.ts wires the adapters to the core; it is the one place allowed to know them.
    const isRoot = (file: string) => relative(root, file) === join('src', 'main.ts');
    expect(violations('src', (s, file) => !isRoot(file) && (PLATFORMS.test(s) || s.includes('adapters/')))).toEqual([]);
  });

  it('keeps src/core free of the database drivers and the cron library', () => {
    const drivers = ['better-sqlite3', 'pg', 'node-cron'];
    expect(violations('src/core', (s) => drivers.includes(s) || s.includes('/persistence/'))).toEqual([]);
  });

  it('never lets one adapter import another', () => {
    for (const adapter of ['shell', 'slack', 'discord']) {
      const others = ['shell', 'slack', 'discord'].filter((a) => a !== adapter);
      expect(
        violations(`adapters/${adapter}`, (s) => others.some((o) => s.includes(`/${o}/`) || s === `../${o}`)),
      ).toEqual([]);
    }
  });

  it('touches process.env only in src/config.ts', () => {
    const readers = ['src', 'adapters']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((file) => readFileSync(file, 'utf8').includes('process.env'))
      .map((file) => relative(root, file));
    expect(readers.filter((f) => f !== join('src', 'config.ts'))).toEqual([]);
  });
});
