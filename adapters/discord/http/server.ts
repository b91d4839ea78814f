/**
 * The endpoint's own `node:http` server, for a process where Slack's HTTP receiver is not
 * running (Slack in Socket Mode, or no Slack): it serves `POST /discord/interactions` and
 * answers 404 to every other path.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERACTIONS_PATH, type RequestListener } from './endpoint.js';

export interface InteractionsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function serveInteractions(
  listener: RequestListener,
  where: { readonly port: number; readonly host?: string },
): Promise<InteractionsServer> {
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === INTERACTIONS_PATH) {
      listener(req, res);
      return;
    }
    req.resume();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
