/**
 * The real Discord adapter (real discord.js client) connected to the fake Discord,
 * over the real core (fixture agenda, SQLite in memory). Other features' adapter tests
 * can start the same pair and read the fake's records.
 */
import { Events, type Interaction } from 'discord.js';
import { startDiscord, type DiscordAdapter } from '../../../adapters/discord/index.js';
import type { Registry } from '../../../src/core/dispatcher.js';
import { MemoryLogger } from '../../../src/log.js';
import { FakeDiscord, IDS, type Json, type WebhookCall } from '../../fakes/discord/index.js';
import { makeServices, type TestCore } from '../../helpers/services.js';
import { bootCore } from '../../../src/boot.js';

export interface Harness {
  readonly fake: FakeDiscord;
  readonly adapter: DiscordAdapter;
  readonly core: TestCore;
  readonly logger: MemoryLogger;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { registry?: Registry; actionDeadlineMs?: number; replyBudgetMs?: number } = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const logger = new MemoryLogger();
  const base = await makeServices({ logger });
  const core: TestCore = options.registry
    ? {
        ...base,
        ...(await bootCore({
          backend: base.backend,
          clock: base.clock,
          logger,
          delivery: base.delivery,
          registry: options.registry,
          random: () => 0,
        })),
      }
    : base;
  const adapter = await startDiscord({
    config: { token: fake.token, applicationId: IDS.application, apiUrl: fake.apiUrl },
    dispatcher: core.dispatcher,
    logger,
    // No extra wait after a rate limit: tests check that it is waited out, not for how long.
    client: { rest: { offset: 0 } },
    ...(options.actionDeadlineMs !== undefined ? { actionDeadlineMs: options.actionDeadlineMs } : {}),
    ...(options.replyBudgetMs !== undefined ? { replyBudgetMs: options.replyBudgetMs } : {}),
  });
  core.delivery.add(adapter.delivery);
  return {
    fake,
    adapter,
    core,
    logger,
    async stop() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/**
 * The message a command ended with: the reply in the first callback (a fast command),
 * or, after a deferral, the edited placeholder (ephemeral) or the public follow-up. Waits for it.
 */
export async function commandAnswer(
  fake: FakeDiscord,
  sent: { id: string; token: string },
): Promise<{ kind: WebhookCall['kind'] | 'reply'; body: Json }> {
  const done = (): { kind: WebhookCall['kind'] | 'reply'; body: Json } | undefined => {
    const reply = fake.records.callbacksFor(sent.id).find((c) => c.type === 4);
    if (reply) return { kind: 'reply', body: reply.data ?? {} };
    const call = fake.records.webhooksFor(sent.token).find((w) => w.kind === 'editOriginal' || w.kind === 'followUp');
    return call ? { kind: call.kind, body: call.body ?? {} } : undefined;
  };
  await fake.waitFor(() => done() !== undefined, `an answer for interaction ${sent.token}`);
  return done() ?? { kind: 'reply', body: {} };
}

/** The first embed of a message body. */
export function embedOf(body: Json): Json {
  const embeds = body['embeds'] as Json[] | undefined;
  return embeds?.[0] ?? {};
}

/** The custom ids of all buttons of a message body, in order. */
export function buttonIds(body: Json): string[] {
  const rows = (body['components'] as { components: { custom_id: string }[] }[] | undefined) ?? [];
  return rows.flatMap((r) => r.components.map((c) => c.custom_id));
}

/** A channel of the fake guild as delivery tests use it: its conversation, and the destination posting there. */
export function channelOfGuild(channelId: string) {
  const conversation = { platform: 'discord', tenantId: IDS.guild, channelId } as const;
  return { conversation, destination: { kind: 'channel', conversation } as const };
}

/**
 * Watches what the adapter answers: each discord.js interaction by id, and the ids of those answered through
 * discord.js's own `method` (`reply` for a command, `respond` for autocomplete). Its listener goes before the
 * adapter's, so the method is wrapped before the adapter can call it.
 */
export function watchAnswers(h: Harness, method: 'reply' | 'respond') {
  const seen = new Map<string, Interaction>();
  const through: string[] = [];
  h.adapter.client.prependListener(Events.InteractionCreate, (interaction: Interaction) => {
    seen.set(interaction.id, interaction);
    const target = interaction as unknown as Record<string, unknown>;
    const original = target[method];
    if (typeof original !== 'function') return;
    target[method] = (...args: unknown[]): unknown => {
      through.push(interaction.id);
      return (original as (...args: unknown[]) => unknown).apply(interaction, args);
    };
  });
  return { seen, through };
}
