/**
 * Start-up to ready (Slack HTTP and Discord both configured, so both adapters load) and
 * resident memory after a burst of requests, with an empty database and with a large
 * one. The bots start in turns, agendabot first in odd rounds and the floor first in even.
 */
import type { BenchOptions } from './options.js';
import { copyOf, makeBenchDb } from './big-db.js';
import { startBot, type BotKind } from './processes.js';
import { fixed, percentile, printTable } from './stats.js';
import { discord, slackHttp, type Endpoint, type Transport } from './transports.js';

const BOTS: readonly BotKind[] = ['agendabot', 'floor'];
const BURST = 10;

interface StartSample {
  readonly readyMs: number;
  readonly rssMiB: number;
}

export async function run(options: BenchOptions): Promise<void> {
  const databases = [
    { label: 'empty database', path: await makeBenchDb(0, 0) },
    {
      label: `${options.subscriptions} subscriptions, ${options.groups} groups`,
      path: await makeBenchDb(options.subscriptions, options.groups),
    },
  ];
  const rows: string[][] = [];
  for (const database of databases) {
    const samples = new Map<BotKind, StartSample[]>(BOTS.map((b) => [b, []]));
    for (let round = 0; round < options.starts; round += 1) {
      const order = round % 2 === 0 ? BOTS : [...BOTS].reverse();
      for (const kind of order) samples.get(kind)?.push(await startOnce(kind, database.path, options));
    }
    const bot = samples.get('agendabot') ?? [];
    const floor = samples.get('floor') ?? [];
    const ready = (s: StartSample[]) =>
      percentile(
        s.map((x) => x.readyMs),
        50,
      );
    const rss = (s: StartSample[]) =>
      percentile(
        s.map((x) => x.rssMiB),
        50,
      );
    rows.push([
      database.label,
      fixed(ready(bot), 0),
      fixed(ready(floor), 0),
      fixed(ready(bot) / ready(floor)),
      fixed(rss(bot), 0),
      fixed(rss(floor), 0),
      fixed(rss(bot) / rss(floor)),
    ]);
  }
  const header = ['database', 'ready ms', 'floor ms', '×', 'RSS MiB', 'floor MiB', '×'];
  printTable(
    `Start-up to ready and memory after ${BURST} rounds of requests (median of ${options.starts}, runner ${options.runner})`,
    header,
    rows,
  );
}

async function startOnce(kind: BotKind, dbPath: string, options: BenchOptions): Promise<StartSample> {
  const transports: Transport[] = [slackHttp, discord];
  const endpoints: Endpoint[] = [];
  for (const transport of transports) endpoints.push(await transport.open());
  const env = Object.assign({ DATABASE_PATH: copyOf(dbPath) }, ...endpoints.map((e) => e.env)) as Record<
    string,
    string
  >;
  const bot = await startBot(kind, env, 2, options.runner);
  try {
    for (let i = 0; i < BURST; i += 1) {
      for (const [t, transport] of transports.entries())
        for (const request of transport.requests) await endpoints[t]?.send(request);
    }
    return { readyMs: bot.readyMs, rssMiB: bot.rssMiB() };
  } finally {
    await bot.stop();
    for (const endpoint of endpoints) await endpoint.close();
  }
}
