/**
 * Time to content, agendabot against the floor bot, per transport and request. Both bots
 * stay up and take turns in blocks of `block` requests (the first bot of each round
 * alternates), so whatever else the machine is doing hits both alike.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from './options.js';
import { startBot, type BotKind, type RunningBot } from './processes.js';
import { fixed, percentile, printTable } from './stats.js';
import { TRANSPORTS, type BenchRequest, type Endpoint, type Transport } from './transports.js';

const BOTS: readonly BotKind[] = ['agendabot', 'floor'];

type Samples = Map<string, number[]>;

export async function run(options: BenchOptions): Promise<void> {
  const rows: string[][] = [];
  const memory: string[][] = [];
  for (const transport of TRANSPORTS.filter((t) => t.name.toLowerCase().includes(options.transport))) {
    const result = await measureTransport(transport, options);
    for (const request of transport.requests) rows.push(latencyRow(transport.name, request.label, result.samples));
    memory.push([
      transport.name,
      fixed(result.rss.agendabot, 0),
      fixed(result.rss.floor, 0),
      fixed(result.rss.agendabot / result.rss.floor),
    ]);
  }
  const header = ['transport', 'request', 'bot p50', 'bot p99', 'floor p50', 'floor p99', 'p50 ×', 'p99 ×'];
  printTable(
    `Time to content, ms (n = ${options.n} per bot, blocks of ${options.block}, runner ${options.runner})`,
    header,
    rows,
  );
  printTable('Resident memory after the run, MiB', ['transport', 'bot', 'floor', '×'], memory);
}

function latencyRow(transport: string, label: string, samples: Samples): string[] {
  const bot = samples.get(`agendabot ${label}`) ?? [];
  const floor = samples.get(`floor ${label}`) ?? [];
  const [b50, b99, f50, f99] = [percentile(bot, 50), percentile(bot, 99), percentile(floor, 50), percentile(floor, 99)];
  return [transport, label, fixed(b50), fixed(b99), fixed(f50), fixed(f99), fixed(b50 / f50), fixed(b99 / f99)];
}

async function measureTransport(transport: Transport, options: BenchOptions) {
  const endpoints = new Map<BotKind, Endpoint>();
  const bots = new Map<BotKind, RunningBot>();
  const samples: Samples = new Map();
  try {
    for (const kind of BOTS) {
      const endpoint = await transport.open();
      endpoints.set(kind, endpoint);
      const dir = mkdtempSync(join(tmpdir(), 'agendabot-bench-'));
      bots.set(kind, await startBot(kind, { ...endpoint.env, DATABASE_PATH: join(dir, 'bot.db') }, 1, options.runner));
    }
    await new Promise((resolve) => setTimeout(resolve, options.settle));
    for (const kind of BOTS) await repeat(endpoints.get(kind), transport.requests, options.warmup);
    const rounds = Math.ceil(options.n / Math.max(1, options.block));
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? BOTS : [...BOTS].reverse();
      for (const kind of order) await timeBlock(kind, endpoints.get(kind), transport.requests, options.block, samples);
    }
    const rss = { agendabot: bots.get('agendabot')?.rssMiB() ?? 0, floor: bots.get('floor')?.rssMiB() ?? 0 };
    return { samples, rss };
  } finally {
    for (const bot of bots.values()) await bot.stop();
    for (const endpoint of endpoints.values()) await endpoint.close();
  }
}

async function repeat(endpoint: Endpoint | undefined, requests: readonly BenchRequest[], times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) for (const request of requests) await endpoint?.send(request);
}

/** One block: `block` requests of each kind, interleaved, for one bot. */
async function timeBlock(
  kind: BotKind,
  endpoint: Endpoint | undefined,
  requests: readonly BenchRequest[],
  block: number,
  samples: Samples,
) {
  if (!endpoint) return;
  for (let i = 0; i < block; i += 1) {
    for (const request of requests) {
      const key = `${kind} ${request.label}`;
      const list = samples.get(key) ?? [];
      list.push(await endpoint.send(request));
      samples.set(key, list);
    }
  }
}
