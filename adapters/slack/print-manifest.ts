/**
 * Prints the Slack app manifest for the current command registry.
 * Usage: npm run --silent slack:manifest -- [--url https://public.base.url] [--name agendabot] [--inline-references]
 */
import { registry } from '../../src/core/features/index.js';
import { manifestYaml } from './manifest.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const baseUrl = flag('--url');
const appName = flag('--name');
process.stdout.write(
  manifestYaml(registry, {
    ...(process.argv.includes('--inline-references') ? { inlineReferences: true } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(appName !== undefined ? { appName } : {}),
  }),
);
