/** Bench options from the command line: section names, and `--key=value` sizes. */
import { defaultRunner, type Runner } from './processes.js';

export interface BenchOptions {
  /** Timed requests per request kind and bot. */
  readonly n: number;
  /** Requests in a row for one bot before the other takes its turn. */
  readonly block: number;
  readonly warmup: number;
  /**
   * Milliseconds to wait once both bots are ready, before the warm-up. agendabot's work after "ready"
   * (loading the scheduler, its first sweep, the time-zone check) is start-up, measured by the
   * start-up section; without the pause it landed in the first timed blocks.
   */
  readonly settle: number;
  readonly runner: Runner;
  /** Start-ups per bot and database. */
  readonly starts: number;
  readonly subscriptions: number;
  readonly groups: number;
  readonly importedQuestions: number;
  readonly dueSubscriptions: number;
  /** Core calls per measured operation. */
  readonly coreN: number;
  /** Only the transports whose name contains this (case-insensitive), e.g. `--transport=socket`. */
  readonly transport: string;
}

export function parseOptions(argv: readonly string[]): { sections: string[]; options: BenchOptions } {
  const values = new Map<string, string>();
  const sections: string[] = [];
  for (const arg of argv) {
    const match = /^--([a-zA-Z]+)=(.*)$/u.exec(arg);
    if (match) values.set(match[1] ?? '', match[2] ?? '');
    else if (!arg.startsWith('-')) sections.push(arg);
  }
  const number = (key: string, fallback: number): number => {
    const value = Number(values.get(key) ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${key} must be a whole number`);
    return value;
  };
  const runner = values.get('runner') ?? defaultRunner();
  if (runner !== 'node' && runner !== 'tsx') throw new Error('--runner must be node or tsx');
  const options: BenchOptions = {
    // A p99 of 1,000 samples is their 10th largest: with 200 it was the 2nd, one stray pause.
    n: number('n', 1000),
    block: number('block', 20),
    warmup: number('warmup', 20),
    settle: number('settle', 1000),
    runner,
    starts: number('starts', 3),
    subscriptions: number('subscriptions', 100_000),
    groups: number('groups', 1_000),
    importedQuestions: number('questions', 20_000),
    dueSubscriptions: number('due', 10_000),
    coreN: number('coreN', 1_000),
    transport: (values.get('transport') ?? '').toLowerCase(),
  };
  return { sections, options };
}
