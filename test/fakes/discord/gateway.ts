/**
 * The fake gateway: a WebSocket speaking Discord's JSON protocol (v10, no compression).
 * HELLO on connect; IDENTIFY → READY + GUILD_CREATE; HEARTBEAT → ACK; RESUME → replay
 * of missed dispatches + RESUMED. Dispatches are numbered and kept, so an event sent
 * while the client is reconnecting reaches it after it resumes, as on Discord.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { BOT_USER, guildJson, IDS } from './world.js';

export interface GatewayRecord {
  identifies: { token: string; intents: number }[];
  /** The `shard` pair ([id, count]) of each IDENTIFY, when the client sent one. */
  identifyShards: (readonly [number, number])[];
  resumes: { sessionId: string; seq: number }[];
  heartbeats: number;
  acks: number;
}

export class FakeGateway {
  readonly record: GatewayRecord = { identifies: [], identifyShards: [], resumes: [], heartbeats: 0, acks: 0 };
  readonly #wss: WebSocketServer;
  #socket: WebSocket | undefined;
  #sessionId = '';
  #seq = 0;
  readonly #sent: { s: number; t: string; d: unknown }[] = [];

  constructor(
    server: Server,
    private readonly url: () => string,
    private readonly onChange: () => void,
    private readonly heartbeatIntervalMs: number,
  ) {
    this.#wss = new WebSocketServer({ server, path: '/gateway' });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  /** Whether a client is connected and identified or resumed. */
  get connected(): boolean {
    return this.#socket !== undefined && this.#sessionId !== '';
  }

  /** Sends a dispatch (op 0) to the client, or keeps it for replay on resume. */
  dispatch(t: string, d: unknown): void {
    this.#seq += 1;
    const event = { s: this.#seq, t, d };
    this.#sent.push(event);
    this.#socket?.send(JSON.stringify({ op: 0, ...event }));
  }

  /** Asks the client to reconnect and resume (op 7), as Discord does before maintenance. */
  requestReconnect(): void {
    this.#socket?.send(JSON.stringify({ op: 7, d: null }));
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    socket.on('message', (raw) => this.#receive(socket, JSON.parse(String(raw)) as { op: number; d: unknown }));
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      this.onChange();
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  #receive(socket: WebSocket, payload: { op: number; d: unknown }): void {
    switch (payload.op) {
      case 1:
        this.record.heartbeats += 1;
        socket.send(JSON.stringify({ op: 11 }));
        this.record.acks += 1;
        break;
      case 2: {
        const d = payload.d as { token: string; intents: number; shard?: [number, number] };
        this.record.identifies.push({ token: d.token, intents: d.intents });
        if (d.shard !== undefined) this.record.identifyShards.push(d.shard);
        this.#socket = socket;
        this.#sessionId = `session-${this.record.identifies.length}`;
        this.dispatch('READY', {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: this.#sessionId,
          resume_gateway_url: this.url(),
          application: { id: IDS.application, flags: 0 },
          shard: [0, 1],
        });
        this.dispatch('GUILD_CREATE', guildJson());
        break;
      }
      case 6: {
        const d = payload.d as { session_id: string; seq: number };
        this.record.resumes.push({ sessionId: d.session_id, seq: d.seq });
        if (d.session_id !== this.#sessionId) {
          socket.send(JSON.stringify({ op: 9, d: false }));
          break;
        }
        this.#socket = socket;
        for (const event of this.#sent.filter((e) => e.s > d.seq)) socket.send(JSON.stringify({ op: 0, ...event }));
        this.dispatch('RESUMED', {});
        break;
      }
      default:
        break;
    }
    this.onChange();
  }
}
