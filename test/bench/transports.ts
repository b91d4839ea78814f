/**
 * One transport per platform connection, each with its own fakes per bot (a Socket Mode
 * fake and a gateway serve one client). `send` times one request from the moment it
 * leaves the fake platform to the first thing the user would see with content: the ack
 * body, the `response_url` post, the interaction callback, or the edit or follow-up.
 */
import { autocomplete, chatInput, FakeDiscord, IDS, type Json } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { FakeSocketMode } from '../fakes/slack/fake-socket-mode.js';
import { sendSlashCommand, slashCommandPayload } from '../fakes/slack/signed-requests.js';
import { freePort } from '../../src/cli/cluster/free-port.js';

export interface BenchRequest {
  readonly label: string;
  /** Slack command text, or the Discord subcommand and options. */
  readonly text: string;
}

export const SLACK_REQUESTS: readonly BenchRequest[] = [
  { label: 'help', text: 'help' },
  { label: 'challenge 3.5', text: 'challenge 3.5' },
  { label: 'search jailbreak', text: 'search jailbreak' },
];

export const DISCORD_REQUESTS: readonly BenchRequest[] = [
  ...SLACK_REQUESTS,
  { label: 'autocomplete challenge', text: 'autocomplete' },
];

/** A bot's end of one transport: the environment that points it at its fakes, and how to time a request. */
export interface Endpoint {
  readonly env: Record<string, string>;
  send(request: BenchRequest): Promise<number>;
  close(): Promise<void>;
}

export interface Transport {
  readonly name: string;
  readonly requests: readonly BenchRequest[];
  open(): Promise<Endpoint>;
}

const SECRET = 'bench-signing-secret';
const SLACK_BASE = { SLACK_BOT_TOKEN: 'xoxb-bench', DEFAULT_TIMEZONE: 'UTC' };

export { freePort };

/** Resolves with the time the response_url post with this id arrived (checked after the ack, which comes first). */
function responseArrival(slack: FakeSlack, id: string): Promise<number> {
  return slack.until(() => slack.responses.some((r) => r.id === id)).then(() => performance.now());
}

function hasText(body: Record<string, unknown> | undefined): boolean {
  return body !== undefined && (typeof body['text'] === 'string' || Array.isArray(body['blocks']));
}

let sequence = 0;

export const slackHttp: Transport = {
  name: 'Slack HTTP',
  requests: SLACK_REQUESTS,
  async open() {
    const slack = await FakeSlack.start();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/slack/events`;
    return {
      env: {
        ...SLACK_BASE,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      async send(request) {
        const id = `h${++sequence}`;
        const started = performance.now();
        const fields = { command: '/agenda', text: request.text, response_url: slack.responseUrl(id) };
        const acked = sendSlashCommand(url, SECRET, fields).then((res) => {
          if (res.status !== 200) throw new Error(`Slack HTTP ${res.status}: ${res.body}`);
          return res.body.length > 0 && hasText(JSON.parse(res.body) as Record<string, unknown>)
            ? performance.now()
            : responseArrival(slack, id);
        });
        return (await acked) - started;
      },
      close: () => slack.close(),
    };
  },
};

export const slackSocket: Transport = {
  name: 'Slack Socket Mode',
  requests: SLACK_REQUESTS,
  async open() {
    const slack = await FakeSlack.start();
    const socket = await FakeSocketMode.start(slack, { keepAcks: false });
    return {
      env: { ...SLACK_BASE, SLACK_APP_TOKEN: 'xapp-bench', SLACK_API_URL: slack.apiUrl },
      async send(request) {
        await socket.connected();
        const id = `s${++sequence}`;
        const started = performance.now();
        const payload = slashCommandPayload({
          command: '/agenda',
          text: request.text,
          response_url: slack.responseUrl(id),
        });
        const ack = await socket.sendSlashCommand(payload);
        const at = hasText(ack.payload) ? performance.now() : await responseArrival(slack, id);
        return at - started;
      },
      async close() {
        await socket.close();
        await slack.close();
      },
    };
  },
};

function discordPayload(request: BenchRequest): Json {
  if (request.text === 'autocomplete') return autocomplete('agenda', 'challenge', { challenge: '3.' }, 'challenge');
  const [sub = '', ...rest] = request.text.split(' ');
  const words = rest.join(' ');
  if (sub === 'challenge') return chatInput('agenda', sub, { challenge: words });
  if (sub === 'search') return chatInput('agenda', sub, { words });
  return chatInput('agenda', sub);
}

/** The answer carries content: a reply or autocomplete callback, or an edit or follow-up. */
function answered(fake: FakeDiscord, sent: { id: string; token: string }): boolean {
  const content = fake.records.callbacksFor(sent.id).some((c) => c.type === 4 || c.type === 8);
  return content || fake.records.webhooksFor(sent.token).some((w) => w.kind !== 'deleteOriginal');
}

export const discord: Transport = {
  name: 'Discord',
  requests: DISCORD_REQUESTS,
  async open() {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 30_000 });
    return {
      env: { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: fake.apiUrl },
      async send(request) {
        const started = performance.now();
        const sent = fake.interact(discordPayload(request));
        let at = 0;
        await fake.waitFor(
          () => answered(fake, sent) && (at = performance.now()) > 0,
          `an answer to ${request.label}`,
          10_000,
        );
        return at - started;
      },
      close: () => fake.close(),
    };
  },
};

export const TRANSPORTS: readonly Transport[] = [slackHttp, slackSocket, discord];
