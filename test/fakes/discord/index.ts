/**
 * A local fake Discord for tests: REST (node:http) and gateway (WebSocket) on one
 * 127.0.0.1 port, ephemeral. Point discord.js at it with `rest: { api: fake.apiUrl }`;
 * the gateway URL is then found through `GET /gateway/bot`, as in production.
 *
 * ```ts
 * const fake = await FakeDiscord.start();
 * const sent = fake.interact(chatInput('agenda', 'challenge', { id: '3.5' }));
 * await fake.waitFor(() => fake.records.webhooksFor(sent.token).length > 0, 'the reply');
 * await fake.close();
 * ```
 *
 * Faults: `fake.fail({ method: 'POST', path: /\/messages$/, status: 429, retryAfter: 0.2 })`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway.js';
import { FakeRecords, type Json } from './records.js';
import { handleRest, type Fault, type GlobalLimiter } from './rest.js';
import { messageJson } from './world.js';

export { IDS, PERMISSIONS } from './world.js';
export { autocomplete, buttonPress, chatInput, modalSubmit } from './interactions.js';
export type { Fault, GlobalLimiter } from './rest.js';
export type { ChannelMessage, InteractionCallback, Json, RecordedRequest, WebhookCall } from './records.js';

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (default `fake-bot-token`). */
  readonly token?: string;
  /** Heartbeat interval sent in HELLO (default 1,000 ms, so tests see heartbeats). */
  readonly heartbeatIntervalMs?: number;
}

export class FakeDiscord {
  readonly records = new FakeRecords();
  readonly gateway: FakeGateway;
  readonly token: string;
  readonly #server: Server;
  readonly #faults: Fault[] = [];
  readonly #waiters = new Set<() => void>();
  /** Milliseconds added before every REST answer (the bench's 50 ms). */
  latencyMs = 0;
  /** The bot's global request limit, when a bench enforces one (see `GlobalLimiter`). */
  limiter: GlobalLimiter | undefined;

  private constructor(server: Server, options: FakeDiscordOptions) {
    this.#server = server;
    this.token = options.token ?? 'fake-bot-token';
    this.gateway = new FakeGateway(
      server,
      () => this.gatewayUrl,
      () => this.#changed(),
      options.heartbeatIntervalMs ?? 1000,
    );
    server.on('request', (req, res) => {
      if (req.headers.upgrade) return;
      void handleRest(req, res, {
        records: this.records,
        faults: this.#faults,
        token: this.token,
        gatewayUrl: this.gatewayUrl,
        onChange: () => this.#changed(),
        latencyMs: this.latencyMs,
        limiter: this.limiter,
      });
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The REST base to give discord.js (`rest.api`) or `DISCORD_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Answers the next `times` requests matching method and path with a failure. */
  fail(fault: Omit<Fault, 'times'> & { times?: number }): void {
    this.#faults.push({ ...fault, times: fault.times ?? 1 });
  }

  /**
   * Puts a message into a channel's history as if `authorId` had sent it (without the
   * bot seeing it): other people's chatter, or posts from a run the test did not make.
   */
  say(channelId: string, authorId: string, body: Json = { content: 'hello' }): string {
    const json = messageJson(channelId, body, authorId);
    const id = String(json['id']);
    this.records.messages.push({ id, channelId, body, files: [], json });
    return id;
  }

  /** Sends an INTERACTION_CREATE; returns the payload (its `id` and `token` find the answers). */
  interact(payload: Json): { id: string; token: string } {
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: String(payload['id']), token: String(payload['token']) };
  }

  /**
   * Resolves when `condition` holds, checked after every request and gateway message;
   * rejects after `timeoutMs` naming `what`, so a test failure says what never happened.
   */
  waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`fake Discord: timed out waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #changed(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
