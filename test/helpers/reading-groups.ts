/**
 * A whole reading-group world for core tests: the real core from `bootCore` (fixture agenda,
 * SQLite `:memory:` with the real migrations, the shared delivery ledger), the real
 * sweeper with every scheduled feature, a manual clock and a recording delivery port.
 */
import { bootCore } from '../../src/boot.js';
import type { Agenda } from '../../src/core/agenda/model.js';
import { ManualClock } from '../../src/core/clock.js';
import type { CommandContext, Platform } from '../../src/core/context.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { createSweeper } from '../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../src/core/features/index.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import type { ReadingGroupStore } from '../../src/core/features/reading-groups/store.js';
import type { Services } from '../../src/core/services.js';
import { MemoryLogger } from '../../src/log.js';
import type { StorageBackend } from '../../src/persistence/backend.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';
import { testBackend } from './services.js';

export interface World {
  readonly services: Services;
  readonly dispatcher: Dispatcher;
  readonly port: MemoryDeliveryPort;
  readonly clock: ManualClock;
  readonly logger: MemoryLogger;
  readonly store: ReadingGroupStore;
  sweep(): Promise<void>;
  /** A context for `userId` in `channelId` (tenant T1 unless given). */
  ctx(userId: string, options?: { channelId?: string; tenantId?: string; threadId?: string }): CommandContext;
}

export interface WorldOptions {
  /** Default: the fixture agenda. */
  readonly agendaPath?: string;
  /** An agenda given as data (then `agendaPath` is not read). */
  readonly agenda?: Agenda;
  readonly now: string;
  readonly platform?: Platform;
  readonly reminderHours?: number;
  readonly defaultTimezone?: string;
  readonly port?: MemoryDeliveryPort;
  /** Where calendar feeds are served (unset: no feeds, as without Slack HTTP mode). */
  readonly calendarFeedBaseUrl?: string;
  /** Default: a new SQLite database in memory. */
  readonly backend?: StorageBackend;
}

export async function makeWorld(options: WorldOptions): Promise<World> {
  const platform = options.platform ?? 'slack';
  const clock = new ManualClock(options.now);
  const logger = new MemoryLogger();
  const port = options.port ?? new MemoryDeliveryPort(platform);
  const ports = new DeliveryPorts();
  ports.add(port);
  const { services, dispatcher } = await bootCore({
    agendaPath: options.agendaPath ?? FIXTURE_AGENDA_PATH,
    ...(options.agenda ? { agenda: options.agenda } : {}),
    backend: testBackend(options),
    clock,
    logger,
    delivery: ports,
    random: () => 0.5,
    settings: {
      defaultTimezone: options.defaultTimezone ?? 'UTC',
      ...(options.calendarFeedBaseUrl !== undefined ? { calendarFeedBaseUrl: options.calendarFeedBaseUrl } : {}),
    },
    reminderHours: options.reminderHours ?? 24,
  });
  const sweeper = createSweeper(services, scheduledFeatures, { inFlight: new Map() });
  return {
    services,
    dispatcher,
    port,
    clock,
    logger,
    store: services.readingGroups.store,
    sweep: () => sweeper.sweep(),
    ctx: (userId, where = {}) => ({
      actor: { platform, tenantId: where.tenantId ?? 'T1', userId },
      conversation: {
        platform,
        tenantId: where.tenantId ?? 'T1',
        channelId: where.channelId ?? 'C1',
        ...(where.threadId !== undefined ? { threadId: where.threadId } : {}),
      },
      isDirect: false,
    }),
  };
}
