/**
 * A local Socket Mode endpoint (a `ws` WebSocketServer on 127.0.0.1, ephemeral port)
 * that speaks Slack's envelope protocol: the client gets the URL from
 * `apps.connections.open` on the fake Web API, connects, receives `hello`, then
 * envelopes (`{envelope_id, type, payload, accepts_response_payload}`) which it
 * acknowledges with `{envelope_id, payload?}`.
 *
 * Usage: `const socket = await FakeSocketMode.start(slack)` (points the fake Web API
 * at it); `await socket.connected()`; `const ack = await socket.sendSlashCommand(…)`.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export interface Ack {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

export interface FakeSocketModeOptions {
  /**
   * Keep every acknowledgement in `acks` (default true, for tests that read them). The bench turns it off:
   * thousands of kept replies of several kilobytes grow the measuring process's heap, and its garbage
   * collection then lands on the requests of the bot with the larger replies.
   */
  readonly keepAcks?: boolean;
}

export class FakeSocketMode {
  /** Every acknowledgement received, in order (unless `keepAcks` is false). */
  readonly acks: Ack[] = [];
  /** How many times a client has connected (a reconnect counts again). */
  connections = 0;
  #socket: WebSocket | undefined;
  #sequence = 0;
  readonly #ackWaiters = new Map<string, (ack: Ack) => void>();
  readonly #connectWaiters: (() => void)[] = [];

  private constructor(
    private readonly server: WebSocketServer,
    private readonly keepAcks: boolean,
  ) {
    server.on('connection', (socket) => {
      this.connections += 1;
      this.#socket = socket;
      socket.on('message', (data) => this.#onMessage(String(data)));
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A0FAKE' },
        }),
      );
      for (const wake of this.#connectWaiters.splice(0)) wake();
    });
  }

  static async start(slack: FakeSlack, options: FakeSocketModeOptions = {}): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    slack.socketModeUrl = `ws://127.0.0.1:${port}/link`;
    return new FakeSocketMode(server, options.keepAcks ?? true);
  }

  /** Resolves once a client has connected (and been sent `hello`). */
  async connected(): Promise<void> {
    if (this.#socket) return;
    await new Promise<void>((resolve) => this.#connectWaiters.push(resolve));
  }

  /** Sends one envelope and resolves with the client's acknowledgement. */
  send(type: string, payload: object): Promise<Ack> {
    const socket = this.#socket;
    if (!socket) throw new Error('no Socket Mode client is connected');
    const envelopeId = `env-${++this.#sequence}`;
    const acked = new Promise<Ack>((resolve) => this.#ackWaiters.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }),
    );
    return acked;
  }

  sendSlashCommand(payload: Record<string, string>): Promise<Ack> {
    return this.send('slash_commands', payload);
  }

  sendInteraction(payload: object): Promise<Ack> {
    return this.send('interactive', payload);
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #onMessage(text: string): void {
    const ack = JSON.parse(text) as Ack;
    if (this.keepAcks) this.acks.push(ack);
    this.#ackWaiters.get(ack.envelope_id)?.(ack);
    this.#ackWaiters.delete(ack.envelope_id);
  }
}
