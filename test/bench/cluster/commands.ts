/**
 * Signed commands sent to the web processes during the burst, half Slack (`/agenda challenge 3.5`, signed
 * with the signing secret, from the three workspaces in turn) and half Discord (the same command as an
 * Ed25519-signed HTTP interaction). A command's latency runs from sending it to its answer: Slack's
 * acknowledgement when it carries the reply, else the post to its response_url; Discord's interaction
 * response when it answers at once, else the edit of the deferred answer through the webhook route.
 */
import { chatInput } from '../../fakes/discord/index.js';
import { postInteraction } from '../../fakes/discord/signed-interactions.js';
import { sendSlashCommand } from '../../fakes/slack/signed-requests.js';
import { SIGNING_SECRET, TEAMS, type BenchWorld } from './world.js';

export interface CommandResults {
  /** Milliseconds from sending to the answer, for each answered command. */
  readonly latencies: number[];
  /** Commands refused (not 200) or never answered within the wait. */
  readonly failed: number;
}

/** Arrival times of answers that come back through the fakes (response_url posts, webhook edits), by id. */
class AnswerWatch {
  readonly #slackSeen = new Map<string, number>();
  readonly #discordSeen = new Map<string, number>();
  #slackIndex = 0;
  #discordIndex = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly world: BenchWorld) {
    this.#timer = setInterval(() => this.#scan(), 10);
  }

  slack(id: string): number | undefined {
    return this.#slackSeen.get(id);
  }

  discord(token: string): number | undefined {
    return this.#discordSeen.get(token);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #scan(): void {
    const now = Date.now();
    const { responses } = this.world.slack;
    for (; this.#slackIndex < responses.length; this.#slackIndex += 1)
      this.#slackSeen.set(responses[this.#slackIndex]?.id ?? '', now);
    const { webhooks } = this.world.discord.records;
    for (; this.#discordIndex < webhooks.length; this.#discordIndex += 1)
      this.#discordSeen.set(webhooks[this.#discordIndex]?.token ?? '', now);
  }
}

export async function sendCommands(
  world: BenchWorld,
  webPorts: readonly number[],
  count: number,
  spreadMs: number,
  answerWithinMs = 30_000,
): Promise<CommandResults> {
  const watch = new AnswerWatch(world);
  const sent: Promise<number | undefined>[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const port = webPorts[i % webPorts.length] ?? 0;
      sent.push(
        i % 2 === 0
          ? slackCommand(world, watch, port, i, answerWithinMs)
          : discordCommand(world, watch, port, answerWithinMs),
      );
      await new Promise((resolve) => setTimeout(resolve, spreadMs / count));
    }
    const outcomes = await Promise.all(sent);
    const latencies = outcomes.filter((ms): ms is number => ms !== undefined);
    return { latencies, failed: count - latencies.length };
  } finally {
    watch.stop();
  }
}

async function slackCommand(world: BenchWorld, watch: AnswerWatch, port: number, i: number, within: number) {
  const team = TEAMS[i % TEAMS.length] ?? TEAMS[0];
  const id = `cmd-${i}`;
  const started = Date.now();
  const fields = {
    command: '/agenda',
    text: 'challenge 3.5',
    team_id: team,
    user_id: `U${team}USER`,
    channel_id: `C${team.slice(-1)}COMMANDS`,
    response_url: world.slack.responseUrl(id),
  };
  const answer = await sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, fields);
  if (answer.status !== 200) return undefined;
  if (answer.body !== '') return Date.now() - started;
  return untilSeen(() => watch.slack(id), started, within);
}

async function discordCommand(world: BenchWorld, watch: AnswerWatch, port: number, within: number) {
  const payload = chatInput('agenda', 'challenge', { challenge: '3.5' });
  const started = Date.now();
  const response = await postInteraction(`http://127.0.0.1:${port}/discord/interactions`, payload, world.discordKey);
  if (response.status !== 200) return undefined;
  const answer = (await response.json()) as { type?: number };
  // 4: the answer itself; 5: deferred, the answer follows as an edit of the original response.
  if (answer.type !== 5) return Date.now() - started;
  return untilSeen(() => watch.discord(String(payload['token'])), started, within);
}

async function untilSeen(seenAt: () => number | undefined, started: number, within: number) {
  while (Date.now() - started < within) {
    const at = seenAt();
    if (at !== undefined) return at - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

/** The value below which `p` of the sorted latencies fall (nearest rank). */
export function percentile(latencies: readonly number[], p: number): number | undefined {
  if (latencies.length === 0) return undefined;
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
