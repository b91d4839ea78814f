/**
 * HTTP plumbing of the fake REST API: reads JSON or multipart bodies, checks the bot
 * token, applies injected faults (429 with `retry_after`, 5xx, Discord error codes),
 * routes, and records every request with the status it got.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeRecords, Json, RecordedRequest } from './records.js';
import { needsBotToken, route, type RouteAnswer } from './routes.js';

/** A failure to answer instead of the normal one, for the next `times` matching requests. */
export interface Fault {
  readonly method: string;
  /** Matched against the path after `/api/v10`. */
  readonly path: RegExp;
  readonly status: number;
  /** Discord's JSON error code, e.g. 50013 (Missing Permissions). */
  readonly code?: number;
  /** Seconds, for 429 answers (sent as `Retry-After` and `retry_after`). */
  readonly retryAfter?: number;
  times: number;
}

/**
 * Decides, for a request arriving at `at` (ms), whether the bot's global limit is exceeded:
 * seconds to wait (answered 429 with `X-RateLimit-Global`), or undefined to serve it.
 */
export type GlobalLimiter = (request: RecordedRequest, at: number) => number | undefined;

export interface RestContext {
  readonly records: FakeRecords;
  readonly faults: Fault[];
  readonly token: string;
  readonly gatewayUrl: string;
  readonly onChange: () => void;
  /** Added before every answer (a real API's round trip). */
  readonly latencyMs: number;
  readonly limiter: GlobalLimiter | undefined;
}

export async function handleRest(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  // Limits count a request when it arrives, as a server does; the latency is only in the answer.
  const arrived = Date.now();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/u, '');
  const { body, files } = await readBody(req);
  const recorded: RecordedRequest = {
    method: req.method ?? 'GET',
    path,
    query: url.searchParams,
    body,
    files,
    status: 0,
    at: arrived,
  };
  ctx.records.requests.push(recorded);

  let answer: RouteAnswer;
  const fault = ctx.faults.find((f) => f.times > 0 && f.method === recorded.method && f.path.test(path));
  const globalWait = ctx.limiter?.(recorded, arrived);
  if (ctx.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.latencyMs));
  if (globalWait !== undefined) {
    answer = { status: 429, body: { message: 'You are being rate limited.', retry_after: globalWait, global: true } };
    res.setHeader('Retry-After', String(Math.ceil(globalWait)));
    res.setHeader('X-RateLimit-Global', 'true');
    res.setHeader('X-RateLimit-Scope', 'global');
  } else if (fault) {
    fault.times -= 1;
    answer = faultAnswer(fault);
    if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
    if (fault.status === 429) res.setHeader('X-RateLimit-Scope', 'user');
  } else if (needsBotToken(path) && req.headers.authorization !== `Bot ${ctx.token}`) {
    answer = { status: 401, body: { code: 0, message: '401: Unauthorized' } };
  } else {
    answer = route(recorded, ctx.records, ctx.gatewayUrl);
  }
  recorded.status = answer.status;
  if (answer.body === undefined) {
    res.writeHead(answer.status).end();
  } else {
    res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
  }
  ctx.onChange();
}

function faultAnswer(fault: Fault): RouteAnswer {
  if (fault.status === 429) {
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: fault.retryAfter ?? 0.1, global: false },
    };
  }
  if (fault.status >= 500) return { status: fault.status, body: { message: 'Internal Server Error', code: 0 } };
  return { status: fault.status, body: { message: `Injected error ${fault.code ?? 0}`, code: fault.code ?? 0 } };
}

async function readBody(req: IncomingMessage): Promise<{ body: Json | undefined; files: RecordedRequest['files'] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')) as Json, files: [] };
  // Node's fetch Request parses multipart for us.
  const form = await new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': type },
    body: raw,
  }).formData();
  const files: { name: string; content: string }[] = [];
  let body: Json | undefined;
  for (const [key, value] of form.entries()) {
    if (key === 'payload_json') body = JSON.parse(String(value)) as Json;
    else if (typeof value !== 'string') files.push({ name: value.name, content: await value.text() });
  }
  return { body, files };
}
