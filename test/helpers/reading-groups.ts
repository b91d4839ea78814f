/**
 * A whole reading-group world for core tests: the real agenda, real SQLite (`:memory:`
 * with the real migrations), the real delivery ledger and sweeper, a manual clock and a
 * recording delivery port. Nothing here decides behaviour: it only wires real parts.
 */
import { createCatalog } from '../../src/core/agenda/catalog-impl.js';
import { loadAgenda } from '../../src/core/agenda/load.js';
import { ManualClock } from '../../src/core/clock.js';
import { registry } from '../../src/core/commands/index.js';
import type { CommandContext, Platform } from '../../src/core/context.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { createSweeper } from '../../src/core/jobs/features.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import { readingGroupsScheduled } from '../../src/core/reading-groups/scheduled.js';
import type { Services } from '../../src/core/services.js';
import { MemoryLogger } from '../../src/log.js';
import { openDatabase } from '../../src/persistence/db.js';
import { DeliveriesRepository } from '../../src/persistence/deliveries-repository.js';
import { SqliteReadingGroupStore } from '../../src/persistence/reading-groups-repository.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';

const catalog = createCatalog(loadAgenda('data/agenda.json'));

export interface World {
  readonly services: Services;
  readonly dispatcher: Dispatcher;
  readonly port: MemoryDeliveryPort;
  readonly clock: ManualClock;
  readonly logger: MemoryLogger;
  readonly store: SqliteReadingGroupStore;
  sweep(): Promise<void>;
  /** A context for `userId` in `channelId` (tenant T1 unless given). */
  ctx(userId: string, options?: { channelId?: string; tenantId?: string; threadId?: string }): CommandContext;
}

export function makeWorld(options: { now: string; platform?: Platform; reminderHours?: number; defaultTimezone?: string; port?: MemoryDeliveryPort }): World {
  const platform = options.platform ?? 'slack';
  const db = openDatabase(':memory:');
  const clock = new ManualClock(options.now);
  const logger = new MemoryLogger();
  const port = options.port ?? new MemoryDeliveryPort(platform);
  const ports = new DeliveryPorts();
  ports.add(port);
  const store = new SqliteReadingGroupStore(db);
  const services: Services = {
    agenda: () => catalog,
    // Reading groups never search; the real index is tested by its own suite.
    search: { search: () => ({ hits: [], total: 0 }) },
    random: () => 0.5,
    clock,
    logger,
    delivery: ports,
    settings: { defaultTimezone: options.defaultTimezone ?? 'UTC', digestCatchupHours: 24 },
    deliveries: new DeliveriesRepository(db),
    readingGroups: { store, reminderHours: options.reminderHours ?? 24 },
  };
  const sweeper = createSweeper(services, [readingGroupsScheduled], { inFlight: new Map() });
  return {
    services,
    dispatcher: new Dispatcher(registry, services),
    port,
    clock,
    logger,
    store,
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
