/**
 * A local fake of Slack's Web API on 127.0.0.1 (node:http, ephemeral port), for tests
 * that drive the real Bolt App and WebClient.
 *
 * - Answers like Slack: HTTP 200 with `{ok:true,…}` or `{ok:false,error}`; 429 with
 *   `Retry-After` when told to (`rateLimitNext`); errors when told to (`failNext`).
 * - Records every Web API call (`calls`, `callsTo`, each with the time it arrived), every post to a `response_url`
 *   (`responses`) and every file upload (`uploads`).
 * - Keeps the messages the bot posted, so `conversations.history` and `.replies`
 *   answer with them (including message metadata when asked for it).
 * - `until(...)` resolves when a condition on the records becomes true: no sleeps.
 *
 * Usage: `const slack = await FakeSlack.start()`; give Bolt `slack.apiUrl` as
 * `slackApiUrl`; build requests with `slack.responseUrl()`; `await slack.close()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerMethod, type FakeGrant, type FakeState } from './methods.js';

export interface RecordedCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The bearer token sent, so tests can check which token reached which method. */
  readonly token: string | undefined;
  /** When the call arrived (Date.now()), for tests of pacing and Retry-After. */
  readonly at: number;
}

export interface RecordedResponse {
  /** The `id` part of `/response/<id>`. */
  readonly id: string;
  readonly body: Record<string, unknown>;
}

export interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks?: unknown;
  readonly thread_ts?: string;
  readonly metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeUser {
  readonly id: string;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly deleted?: boolean;
  /** The IANA zone of the user's profile, as users.info gives it. */
  readonly tz?: string;
}

type Planned = { kind: 'error'; error: string } | { kind: 'rate-limit'; retryAfter: number };

export class FakeSlack implements FakeState {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly uploads: { id: string; body: string }[] = [];
  readonly messages: StoredMessage[] = [];
  readonly users = new Map<string, FakeUser>();
  teamId = 'T0FAKE';
  botUserId = 'UBOT';
  /** Where `apps.connections.open` sends Socket Mode clients (see `FakeSocketMode`). */
  socketModeUrl: string | undefined;
  /** Added before every Web API answer, like a real network round trip. */
  latencyMs = 0;
  /** Rate limits as a parameter: Retry-After seconds for a call to refuse with 429, or undefined to answer it. */
  limiter: ((call: RecordedCall) => number | undefined) | undefined;
  /** Web API calls answered with 429 (planned or by `limiter`). */
  rateLimited = 0;
  readonly grants = new Map<string, FakeGrant>();
  readonly installedTokens = new Map<string, FakeGrant>();
  /** The app's OAuth client id and secret, which `oauth.v2.access` checks. */
  oauthClient: { id: string; secret: string } | undefined;
  readonly #expired = new Set<string>();
  readonly #planned = new Map<string, Planned[]>();
  readonly #waiters = new Set<() => void>();
  /**
   * Message timestamps in wall-clock seconds, as real Slack's are. Off by default (a fixed clock that ticks once a
   * message keeps snapshots stable); the process tests turn it on, since reconciliation searches history by time.
   */
  wallClockTimestamps = false;
  #clock = 1_700_000_000;
  #sequence = 0;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    // Longer than the clients' idle sockets: a request on a socket the server just closed fails ("fetch failed").
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** The Web API base URL, for `clientOptions.slackApiUrl` / `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh `response_url` on this fake; posts to it are recorded in `responses`. */
  responseUrl(id = `r${++this.#sequence}`): string {
    return `${this.baseUrl}/response/${id}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The next `times` calls to `method` answer `{ok:false, error}`. */
  failNext(method: string, error: string, times = 1): void {
    this.#plan(method, { kind: 'error', error }, times);
  }

  /** The next `times` calls to `method` answer HTTP 429 with `Retry-After: seconds`. */
  rateLimitNext(method: string, retryAfterSeconds: number, times = 1): void {
    this.#plan(method, { kind: 'rate-limit', retryAfter: retryAfterSeconds }, times);
  }

  /** Posts to this response_url id are refused (404 `expired_url`), as Slack does after 30 minutes or 5 uses. */
  expireResponseUrl(id: string): void {
    this.#expired.add(id);
  }

  /** A message timestamp, increasing with every call, in Slack's `seconds.micros` form. */
  nextTs(): string {
    this.#clock += 1;
    const seconds = this.wallClockTimestamps ? Math.floor(Date.now() / 1000) : this.#clock;
    return `${seconds}.${String(++this.#sequence).padStart(6, '0')}`;
  }

  /** Resolves once `condition()` holds, re-checked after every request the fake handles. */
  async until(condition: () => boolean | Promise<boolean>): Promise<void> {
    while (!(await condition())) await new Promise<void>((resolve) => this.#waiters.add(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #plan(method: string, planned: Planned, times: number): void {
    const queue = this.#planned.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(planned);
    this.#planned.set(method, queue);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    try {
      if (path.startsWith('/api/')) await this.#api(path.slice('/api/'.length), req, raw, res);
      else if (path.startsWith('/response/') && this.#expired.has(path.slice('/response/'.length))) {
        send(res, 404, { ok: false, error: 'expired_url' });
      } else if (path.startsWith('/response/')) {
        this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw) as Record<string, unknown> });
        send(res, 200, { ok: true });
      } else if (path.startsWith('/upload/')) {
        this.uploads.push({ id: path.slice('/upload/'.length), body: raw });
        send(res, 200, 'OK - uploaded');
      } else send(res, 404, { ok: false, error: 'not_found' });
    } finally {
      for (const wake of [...this.#waiters]) {
        this.#waiters.delete(wake);
        wake();
      }
    }
  }

  async #api(method: string, req: IncomingMessage, raw: string, res: ServerResponse): Promise<void> {
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : (args.token as string | undefined);
    const call: RecordedCall = { method, args, token, at: Date.now() };
    this.calls.push(call);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const limited = this.limiter?.(call);
    const planned =
      limited !== undefined
        ? ({ kind: 'rate-limit', retryAfter: limited } as const)
        : this.#planned.get(method)?.shift();
    if (planned?.kind === 'rate-limit') {
      this.rateLimited += 1;
      res.writeHead(429, { 'retry-after': String(planned.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (planned?.kind === 'error') return send(res, 200, { ok: false, error: planned.error });
    send(res, 200, answerMethod(this, method, args, token));
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** WebClient sends forms whose nested values (blocks, metadata) are JSON strings; some calls send JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const looksJson = /^[[{]/u.test(value);
    try {
      args[key] = looksJson ? JSON.parse(value) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}
