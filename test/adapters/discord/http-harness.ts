/**
 * The real Discord adapter with HTTP interactions on (`DISCORD_PUBLIC_KEY`), serving its
 * own endpoint on 127.0.0.1, connected to the fake Discord for the gateway and for the
 * webhook routes that finish deferred answers. Requests are signed here with a key pair
 * made for the run, as Discord signs them with the application's key.
 */
import type { KeyObject } from 'node:crypto';
import { startDiscord, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { bootCore } from '../../../src/boot.js';
import type { Registry } from '../../../src/core/dispatcher.js';
import { MemoryLogger } from '../../../src/log.js';
import { FakeDiscord, IDS, type Json } from '../../fakes/discord/index.js';
import { applicationKeys, signatureOf } from '../../fakes/discord/signed-interactions.js';
import { makeServices, type TestCore } from '../../helpers/services.js';

/** The endpoint's clock: every request is signed for this instant unless a test says otherwise. */
export const NOW_MS = Date.UTC(2026, 10, 30, 5, 0, 0);
export const NOW_SECONDS = String(NOW_MS / 1000);

export interface SignedPost {
  readonly body?: string;
  readonly timestamp?: string;
  /** Replaces the signature header; `null` leaves it out. */
  readonly signature?: string | null;
  /** Signs with another key (the signature is well-formed but not the application's). */
  readonly key?: KeyObject;
  /** Signs these bytes instead of the body sent. */
  readonly signedBody?: string;
}

export interface HttpHarness {
  readonly fake: FakeDiscord;
  readonly adapter: DiscordAdapter;
  readonly core: TestCore;
  readonly logger: MemoryLogger;
  /** POSTs an interaction payload to the endpoint, signed unless `options` say otherwise. */
  post(payload: Json, options?: SignedPost): Promise<{ status: number; json: Json | undefined; text: string }>;
  stop(): Promise<void>;
}

/** The test core, with another command registry when one is given. */
async function coreWith(logger: MemoryLogger, registry: Registry | undefined): Promise<TestCore> {
  const base = await makeServices({ logger });
  if (!registry) return base;
  const { backend, clock, delivery } = base;
  return { ...base, ...(await bootCore({ backend, clock, logger, delivery, registry })) };
}

export async function startHttpHarness(
  options: { registry?: Registry; actionDeadlineMs?: number; replyBudgetMs?: number } = {},
): Promise<HttpHarness> {
  const { publicHex, privateKey } = applicationKeys();
  const fake = await FakeDiscord.start();
  const logger = new MemoryLogger();
  const core = await coreWith(logger, options.registry);
  const adapter = await startDiscord({
    config: {
      token: fake.token,
      applicationId: IDS.application,
      apiUrl: fake.apiUrl,
      http: { publicKey: publicHex, port: 0, host: '127.0.0.1' },
    },
    dispatcher: core.dispatcher,
    logger,
    client: { rest: { offset: 0 } },
    now: () => NOW_MS,
    ...(options.actionDeadlineMs !== undefined ? { actionDeadlineMs: options.actionDeadlineMs } : {}),
    ...(options.replyBudgetMs !== undefined ? { replyBudgetMs: options.replyBudgetMs } : {}),
  });
  core.delivery.add(adapter.delivery);
  const url = `http://127.0.0.1:${adapter.interactionsPort}/discord/interactions`;
  return {
    fake,
    adapter,
    core,
    logger,
    async post(payload, signed = {}) {
      const body = signed.body ?? JSON.stringify(payload);
      const timestamp = signed.timestamp ?? NOW_SECONDS;
      const signature =
        signed.signature === undefined
          ? signatureOf(timestamp, signed.signedBody ?? body, signed.key ?? privateKey)
          : signed.signature;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-signature-timestamp': timestamp,
      };
      if (signature !== null) headers['x-signature-ed25519'] = signature;
      const res = await fetch(url, { method: 'POST', headers, body });
      const text = await res.text();
      const json = res.headers.get('content-type') === 'application/json' ? (JSON.parse(text) as Json) : undefined;
      return { status: res.status, json, text };
    },
    async stop() {
      await adapter.stop();
      await fake.close();
    },
  };
}
