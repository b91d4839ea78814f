/**
 * The process's HTTP servers under shutdown: every request is counted until its response is
 * done, and once the process is draining, any request but `GET /healthz` is refused with 503
 * (no new work), each answer closing its connection. Health keeps answering `draining` until
 * the server closes, just before the process exits. Also the small server a worker (only
 * `/healthz`) or a web process without Slack (Discord interactions and `/healthz`) listens on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HEALTH_PATH, type Health } from './health.js';
import type { InFlight } from './in-flight.js';
import type { HttpRoute } from './platforms.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

/** Puts the drain rule and the request count in front of whatever the server already does. */
export function guardServer(server: Server, health: Health, inFlight: InFlight): void {
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const isHealth = pathOf(req) === HEALTH_PATH;
    if (health.phase === 'draining') {
      res.setHeader('connection', 'close');
      if (!isHealth) {
        req.resume();
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('shutting down');
        return;
      }
    }
    // Health checks are not work: a launcher polling them must not keep the drain from ending.
    if (!isHealth) inFlight.track(new Promise((resolve) => res.once('close', resolve)));
    for (const listener of listeners) listener.call(server, req, res);
  });
}

/** A server answering `routes` (404 for other paths, 405 for other methods), listening on `port` (`host`). */
export async function serveRoutes(
  routes: readonly HttpRoute[],
  where: { readonly port: number; readonly host?: string },
): Promise<{ readonly server: Server; readonly port: number }> {
  const server = createServer((req, res) => {
    const path = pathOf(req);
    const route = routes.find((r) => r.path === path);
    if (route === undefined || route.method !== req.method) {
      req.resume();
      res.writeHead(route === undefined ? 404 : 405, route === undefined ? {} : { allow: route.method }).end();
      return;
    }
    route.handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes a server at once, connections and all (shutdown calls it after the drain). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
