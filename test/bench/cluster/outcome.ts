/** What one cluster run measured, from the fakes' records, and the table the bench prints. */
import { nonceOf } from '../../../adapters/discord/post-marker.js';
import { ratePerSecond, steadyPerSecond, tally } from '../fanout/report.js';
import { percentile, type CommandResults } from './commands.js';
import type { Seeded } from './seed.js';
import type { BenchWorld } from './world.js';

export interface ClusterOutcome {
  readonly name: string;
  readonly workers: number;
  readonly slackMessages: number;
  /** Slack messages per second, first to last chat.postMessage. */
  readonly slackPerSecond: number;
  readonly discordMessages: number;
  /** Discord channel requests served per second: the median of whole seconds (see `steadyPerSecond`). */
  readonly discordSteady: number | undefined;
  readonly discordGlobal429s: number;
  readonly duplicates: number;
  readonly losses: number;
  readonly commands: CommandResults;
  readonly lastPostS: number;
}

export function outcomeOf(
  name: string,
  workers: number,
  world: BenchWorld,
  seeded: Seeded,
  commands: CommandResults,
  started: number,
): ClusterOutcome {
  const { slack, discord } = world;
  const slackPosted = slack.messages.map((m) => String(m.metadata?.event_payload['key'] ?? ''));
  const keyOfNonce = new Map(seeded.discordKeys.map((key) => [nonceOf(key), key]));
  const discordPosted = discord.records.messages.map((m) => keyOfNonce.get(String(m.body['nonce'])) ?? 'unexpected');
  const slackTally = tally(slackPosted, seeded.slackKeys);
  const discordTally = tally(discordPosted, seeded.discordKeys);
  const postCalls = slack.callsTo('chat.postMessage').map((c) => c.at);
  const slackWindow = ratePerSecond(postCalls, started);
  const counted = discord.records.requests.filter((r) => r.path.startsWith('/channels/'));
  const served = counted.filter((r) => r.status !== 429).map((r) => r.at);
  const discordWindow = ratePerSecond(served, started);
  return {
    name,
    workers,
    slackMessages: slack.messages.length,
    slackPerSecond: postCalls.length === 0 ? 0 : (slackWindow.perSecond * slack.messages.length) / postCalls.length,
    discordMessages: discord.records.messages.length,
    discordSteady: steadyPerSecond(served),
    discordGlobal429s: counted.length - served.length,
    duplicates: slackTally.duplicates + discordTally.duplicates,
    losses: slackTally.losses + discordTally.losses,
    commands,
    lastPostS: (Math.max(slackWindow.last, discordWindow.last) - started) / 1000,
  };
}

const HEADER = [
  'run',
  'workers',
  'Slack msgs',
  'Slack msg/s',
  'Discord msgs',
  'Discord req/s steady',
  'global 429s',
  'duplicates',
  'losses',
  'commands answered',
  'p50 (ms)',
  'p99 (ms)',
  'last post (s)',
];

export function printOutcomes(title: string, outcomes: readonly ClusterOutcome[]): void {
  const rows = outcomes.map((o) => [
    o.name,
    String(o.workers),
    String(o.slackMessages),
    o.slackPerSecond.toFixed(1),
    String(o.discordMessages),
    o.discordSteady === undefined ? '-' : String(o.discordSteady),
    String(o.discordGlobal429s),
    String(o.duplicates),
    String(o.losses),
    `${o.commands.latencies.length}/${o.commands.latencies.length + o.commands.failed}`,
    String(percentile(o.commands.latencies, 50) ?? '-'),
    String(percentile(o.commands.latencies, 99) ?? '-'),
    o.lastPostS.toFixed(1),
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)];
  process.stdout.write(`\n${title}\n${lines.join('\n')}\n`);
}
