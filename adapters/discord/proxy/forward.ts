/**
 * Forwards one request to Discord through the shared `REST`, as `@discordjs/proxy`'s `proxyRequests` does,
 * with one difference: the body is read whole first. The package hands the incoming request stream itself to
 * `REST` as the body, so when `REST` sends a request again (after a 429, or a 5xx) the stream is already spent
 * and Discord gets an empty body: on the fake Discord an empty message was posted and the real one lost; on
 * Discord a 400. Bodies here are small (the bot's messages, and text files of at most a few hundred kilobytes).
 * The answers are written by the package's own helpers, so they are relayed exactly as the package relays them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { populateErrorResponse, populateSuccessfulResponse } from '@discordjs/proxy';
import type { REST, RequestMethod, RouteLike } from '@discordjs/rest';

/** Discord refuses bodies past its upload limit anyway; this keeps one request from filling the proxy's memory. */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export function forwardRequests(rest: REST): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    const type = req.headers['content-type'];
    if (type !== undefined) headers['Content-Type'] = type;
    if (req.headers.authorization !== undefined) headers['authorization'] = req.headers.authorization;
    const reason = req.headers['x-audit-log-reason'];
    if (typeof reason === 'string') headers['x-audit-log-reason'] = reason;
    try {
      const answer = await rest.queueRequest({
        fullRoute: url.pathname.replace(/^\/api(\/v\d+)?/u, '') as RouteLike,
        // Not checked here: Discord answers 405 for a method it does not take.
        method: (req.method ?? 'GET') as RequestMethod,
        ...(body.length > 0 ? { body } : {}),
        // The caller's own Authorization header goes through; the proxy holds no token.
        auth: false,
        passThroughBody: true,
        query: url.searchParams,
        headers,
      });
      await populateSuccessfulResponse(res, answer);
    } catch (error) {
      if (!populateErrorResponse(res, error)) throw error;
    } finally {
      res.end();
    }
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
