/**
 * Prints the Slack app manifest for the current command registry.
 * Usage: npm run --silent slack:manifest -- [--oauth] [--url https://public.base.url] [--name agendabot] [--inline-references]
 */
import { registry } from '../../src/core/features/index.js';
import { manifestYaml } from './manifest.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const baseUrl = flag('--url');
const appName = flag('--name');
try {
  process.stdout.write(
    manifestYaml(registry, {
      ...(process.argv.includes('--inline-references') ? { inlineReferences: true } : {}),
      ...(process.argv.includes('--oauth') ? { oauth: true } : {}),
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(appName !== undefined ? { appName } : {}),
    }),
  );
} catch (error) {
  // A wrong flag is the operator's to fix: one line, no stack.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
