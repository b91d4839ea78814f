/**
 * `npm run bench [section…] [--n=1000 --block=20 --settle=1000 …]`: prints one table per section.
 * Without section names it runs them all. A section is a module exporting
 * `run(options)`; adding one is one line in SECTIONS.
 */
import { cpus, loadavg } from 'node:os';
import { parseOptions, type BenchOptions } from './options.js';

type Section = () => Promise<{ run(options: BenchOptions): Promise<void> }>;

const SECTIONS: Record<string, Section> = {
  latency: () => import('./latency.js'),
  startup: () => import('./startup.js'),
  core: () => import('./core.js'),
  // Real bot processes against a rate-limited fake Slack; its sizes are its own flags (`npx tsx test/bench/fanout/run.ts --help`).
  fanout: async () => {
    const fanout = await import('./fanout/run.js');
    return { run: () => fanout.run() };
  },
  // The same fan-out with the bot processes on PostgreSQL, beside SQLite (`npx tsx test/bench/fanout-postgres.ts`).
  'fanout-postgres': () => import('./fanout-postgres.js'),
  // The whole cluster (npm run cluster) on PostgreSQL with the proxy; sizes as `--slack=500` (see its --help).
  cluster: async () => {
    const cluster = await import('./cluster/run.js');
    return { run: () => cluster.run(cluster.optionsFrom(process.argv.slice(2))) };
  },
};

async function main(): Promise<void> {
  const { sections, options } = parseOptions(process.argv.slice(2));
  const names = sections.length > 0 ? sections : Object.keys(SECTIONS);
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0)
    throw new Error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `# agendabot bench: node ${process.version}, ${cpus().length} × ${cpu}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const name of names) {
    const started = performance.now();
    const section = await SECTIONS[name]?.();
    await section?.run(options);
    console.log(`\n(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
