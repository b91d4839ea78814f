/**
 * Starts the real Slack adapter (real Bolt, HTTP mode) against the fake Slack, with
 * a given registry, and offers the calls tests make again and again.
 */
import type { Registry } from '../../../src/core/dispatcher.js';
import { Dispatcher } from '../../../src/core/dispatcher.js';
import { ManualClock } from '../../../src/core/clock.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import type { Services } from '../../../src/core/services.js';
import { MemoryLogger } from '../../../src/log.js';
import { startSlack, type RunningSlack } from '../../../adapters/slack/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import {
  sendInteraction,
  sendSlashCommand,
  type SentRequest,
  type SignOptions,
} from '../../fakes/slack/signed-requests.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';
export const BOT_TOKEN = 'xoxb-test-bot-token-1234';

export interface Harness {
  readonly slack: FakeSlack;
  readonly running: RunningSlack;
  readonly logger: MemoryLogger;
  readonly url: string;
  /** Sends `/agenda <text>` (signed) and returns the HTTP answer (the ack). */
  command(
    text: string,
    extra?: Record<string, string>,
    options?: SignOptions,
  ): Promise<SentRequest & { responseId: string }>;
  interact(payload: object, options?: SignOptions): Promise<SentRequest>;
  /**
   * A command's reply or a press's answer: the acknowledgment's body when the reply came
   * in it (a command sent with `command`), otherwise the body posted to the response_url.
   */
  responseTo(id: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Services with no agenda, for registries that do not need one. */
export function bareServices(logger: MemoryLogger): Services {
  return {
    agenda: () => {
      throw new Error('this test registry has no agenda');
    },
    search: { search: () => ({ hits: [], total: 0 }) },
    clock: new ManualClock('2026-01-01T00:00:00Z'),
    logger,
    delivery: new DeliveryPorts(),
  } as unknown as Services;
}

export interface HarnessOptions {
  /** At most one Home tab publish per person this often (short by default, so tests do not wait). */
  readonly homeIntervalMs?: number;
  /** How long a command may run before it is acknowledged empty (ms); the adapter's default when unset. */
  readonly replyBudgetMs?: number;
}

export async function startHarness(
  registry: Registry,
  services?: Services,
  options: HarnessOptions = {},
): Promise<Harness> {
  const slack = await FakeSlack.start();
  const acked = new Map<string, Record<string, unknown>>();
  const logger = new MemoryLogger();
  const dispatcher = new Dispatcher(registry, services ?? bareServices(logger));
  const running = await startSlack({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      port: 3000,
      adminUserIds: ['U0OPERATOR'],
    },
    dispatcher,
    logger,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
    port: 0,
    host: '127.0.0.1',
    ...(options.replyBudgetMs !== undefined ? { replyBudgetMs: options.replyBudgetMs } : {}),
    homeIntervalMs: options.homeIntervalMs ?? 50,
  });
  const url = `http://127.0.0.1:${running.port ?? 0}/slack/events`;
  return {
    slack,
    running,
    logger,
    url,
    async command(text, extra = {}, options) {
      const responseId = `cmd-${Math.random().toString(36).slice(2, 8)}`;
      const sent = await sendSlashCommand(
        url,
        SIGNING_SECRET,
        { command: '/agenda', text, response_url: slack.responseUrl(responseId), ...extra },
        options,
      );
      if (sent.status === 200 && sent.body !== '') {
        acked.set(responseId, JSON.parse(sent.body) as Record<string, unknown>);
      }
      return { ...sent, responseId };
    },
    interact: (payload, options) => sendInteraction(url, SIGNING_SECRET, payload, options),
    async responseTo(id) {
      const inAck = acked.get(id);
      if (inAck) return inAck;
      await slack.until(() => slack.responses.some((r) => r.id === id));
      return slack.responses.find((r) => r.id === id)?.body ?? {};
    },
    async close() {
      await running.stop();
      await slack.close();
    },
  };
}
