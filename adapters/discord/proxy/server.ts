/**
 * One REST proxy for every process of the bot, over `@discordjs/proxy` (its way of forwarding, in `forward.ts`,
 * with the body read whole so that a retried request carries it again). Each process's discord.js sends its
 * requests here (`DISCORD_API_URL=http://<proxy>/api`) instead of to Discord; the proxy forwards each through
 * a single `REST` instance, so the whole bot has one global limiter and one set of per-route buckets, learnt
 * from Discord's answers, however many processes send. What the package does, read from its source (2.1.1):
 * the caller's `Authorization` header is passed through untouched (its `REST` has no token and sends with
 * `auth: false`), so the proxy holds no secret; the `X-RateLimit-*` headers are taken off the answers it relays,
 * so callers never see Discord's buckets; and its `REST` waits out limits itself, so callers see a 429 only
 * when Discord keeps refusing. Its `REST` counts the global limit in fixed one-second windows, which lets
 * bursts through at a window's edge: requests leave at the pace of `sliding-window.ts` instead, interaction
 * callbacks and webhooks without waiting.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// The REST of `@discordjs/rest` itself, not discord.js's re-export: discord.js loads the CommonJS build, and the
// proxy (ES module) tells Discord's errors apart with `instanceof` against the ES build's classes. With a
// CommonJS REST a Discord 401 came out as an empty 200.
import { DefaultRestOptions, REST, type RESTOptions } from '@discordjs/rest';
import type { Logger } from '../../../src/log.js';
import { BodyTooLargeError, forwardRequests } from './forward.js';
import type { ProxySettings } from './settings.js';
import { paceFor, windowedRequests } from './sliding-window.js';

const UNLIMITED = 1_000_000;
/** As long as a request may wait for its turn here (callers give up after their own 15 s anyway). */
const QUEUE_TIMEOUT_MS = 10 * 60_000;
/** discord.js's own default for one request to Discord. */
const UPSTREAM_TIMEOUT_MS = 15_000;

export interface RunningProxy {
  /** The base to give the bot's processes as `DISCORD_API_URL` (`http://127.0.0.1:<port>/api`). */
  readonly apiUrl: string;
  readonly port: number;
  /** Stops taking requests, lets in-flight ones finish (up to the grace period), then closes. */
  close(): Promise<void>;
}

export async function startDiscordProxy(settings: ProxySettings, logger: Logger): Promise<RunningProxy> {
  const rest = new REST({
    api: settings.upstream,
    // The pace is the limit. discord.js's fixed window would also hold interaction webhooks (which Discord
    // does not count) behind a full window, so it is set out of the way; a global 429 still stops everything.
    globalRequestsPerSecond: UNLIMITED,
    // REST's timeout would count the wait for a turn; each request's own time upstream is bounded below.
    timeout: QUEUE_TIMEOUT_MS,
    makeRequest: windowedRequests(paceFor(settings.perSecond), withUpstreamTimeout(UPSTREAM_TIMEOUT_MS)),
  });
  rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, global: info.global, waitMs: info.timeToReset }, 'discord rate limit: waiting'),
  );
  const forward = forwardRequests(rest);
  let draining = false;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') return health(res, draining);
    if (!req.url?.startsWith('/api/')) return answer(res, 404, { message: 'Not a Discord API path (/api/…).' });
    forwardSafely(forward, req, res, logger);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return {
    apiUrl: `http://${shownHost}:${port}/api`,
    port,
    close: async () => {
      draining = true;
      await closeGracefully(server, settings.graceMs);
    },
  };
}

type MakeRequest = RESTOptions['makeRequest'];

/** The default request function, aborted when Discord takes longer than `ms` once the request has left. */
function withUpstreamTimeout(ms: number): MakeRequest {
  const makeRequest = DefaultRestOptions.makeRequest.bind(DefaultRestOptions);
  return async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      return await makeRequest(url, { ...init, signal });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Forwards one request; a failure the package does not turn into an answer becomes a 502, logged without the request's headers. */
function forwardSafely(
  forward: ReturnType<typeof forwardRequests>,
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
): void {
  // The package ends the answer itself even after an error it does not know (a refused connection, say),
  // leaving the status as it was: 502 unless it wrote Discord's answer or a known error.
  res.statusCode = 502;
  Promise.resolve(forward(req, res)).catch((error: unknown) => {
    logger.error(
      {
        method: req.method,
        path: req.url?.split('?')[0],
        error: error instanceof Error ? error.message : String(error),
      },
      'discord proxy: request failed',
    );
    if (error instanceof BodyTooLargeError) answer(res, 413, { message: 'The request body is too large.' });
    else if (!res.headersSent) answer(res, 502, { message: 'The proxy could not reach Discord.' });
    else res.destroy();
  });
}

function health(res: ServerResponse, draining: boolean): void {
  if (draining) answer(res, 503, { status: 'draining', role: 'discord-proxy' });
  else answer(res, 200, { status: 'ready', role: 'discord-proxy' });
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}
