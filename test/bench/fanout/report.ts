/**
 * What one fan-out run measured, and the table the bench prints: messages per second
 * against the rate the fake allows, duplicates, losses, 429s, and the time to the last post.
 */
export interface Outcome {
  readonly messages: number;
  readonly perSecond: number;
  readonly duplicates: number;
  readonly losses: number;
  readonly rateLimited: number;
  readonly lastPostS: number;
  /** Discord: requests per second on average, first to last request (ramp-up and tail included). */
  readonly requestsPerSecond?: number;
  /** Discord: the median of whole one-second windows, without the first and last (the sustained rate). */
  readonly steadyRequestsPerSecond?: number | undefined;
}

export const HEADER = [
  'scenario',
  'processes',
  'messages',
  'msg/s',
  'allowed/s',
  'ratio',
  'req/s',
  'req/s steady',
  'duplicates',
  'losses',
  '429s',
  'last post (s)',
];

export function row(name: string, processes: number, o: Outcome, allowed: number | undefined): string[] {
  return [
    name,
    String(processes),
    String(o.messages),
    o.perSecond.toFixed(1),
    allowed === undefined ? '-' : allowed.toFixed(1),
    allowed === undefined ? '-' : (o.perSecond / allowed).toFixed(2),
    o.requestsPerSecond === undefined ? '-' : o.requestsPerSecond.toFixed(1),
    o.steadyRequestsPerSecond === undefined ? '-' : o.steadyRequestsPerSecond.toFixed(1),
    String(o.duplicates),
    String(o.losses),
    String(o.rateLimited),
    o.lastPostS.toFixed(1),
  ];
}

export function printTable(title: string, rows: string[][]): void {
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [line(HEADER), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  process.stdout.write(`\n${title}\n${out.join('\n')}\n`);
}

/** Waits until `count()` reaches `expected`, or nothing new has come for `stallMs`. */
export async function untilDoneOrStalled(count: () => number, expected: number, stallMs: number): Promise<void> {
  let last = count();
  let lastChange = Date.now();
  while (count() < expected && Date.now() - lastChange < stallMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (count() !== last) {
      last = count();
      lastChange = Date.now();
    }
  }
}

/** Messages per second from the first to the last of these instants (ms). */
export function ratePerSecond(times: readonly number[], fallbackStart: number): { perSecond: number; last: number } {
  if (times.length === 0) return { perSecond: 0, last: fallbackStart };
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  return { perSecond: times.length / Math.max(0.001, (last - first) / 1000), last };
}

/** Duplicates (a key posted more than once) and losses (an expected key never posted). */
export function tally(posted: readonly string[], expected: readonly string[]): { duplicates: number; losses: number } {
  const counts = new Map<string, number>();
  for (const key of posted) counts.set(key, (counts.get(key) ?? 0) + 1);
  const duplicates = [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  return { duplicates, losses: expected.filter((key) => !counts.has(key)).length };
}

/** The keys one weekly question per subscription (ids 1…n) posts: the card and its thread's first message. */
export function expectedKeys(subscriptions: number, week: string): string[] {
  return Array.from({ length: subscriptions }, (_, i) => [
    `digest:${i + 1}:${week}`,
    `digest:${i + 1}:${week}:thread`,
  ]).flat();
}

/**
 * The sustained rate: instants (ms) counted in one-second windows from the first, the first and
 * last windows dropped (ramp-up and a partial tail), and the median of the rest. Averaging first
 * to last instead lets a slow start or a straggler hide how fast the middle ran.
 */
export function steadyPerSecond(times: readonly number[]): number | undefined {
  if (times.length === 0) return undefined;
  const first = Math.min(...times);
  const windows: number[] = [];
  for (const t of times) {
    const index = Math.floor((t - first) / 1000);
    windows[index] = (windows[index] ?? 0) + 1;
  }
  const middle = Array.from(windows.slice(1, -1), (n) => n ?? 0).sort((a, b) => a - b);
  if (middle.length === 0) return undefined;
  return middle[Math.floor(middle.length / 2)];
}
