/**
 * Builds the core for a running bot (or a test): loads the agenda, indexes it,
 * and wires services and the dispatcher. Lives outside `src/core/` because it joins
 * the core to persistence (a `StorageBackend`: SQLite or PostgreSQL).
 */
import { AgendaHolder } from './core/agenda/holder.js';
import { createCatalog } from './core/agenda/catalog-impl.js';
import { agendaContentHash, loadAgenda } from './core/agenda/load.js';
import type { Agenda } from './core/agenda/model.js';
import { systemClock, type Clock } from './core/clock.js';
import { registry as defaultRegistry, scheduledFeatures } from './core/features/index.js';
import { createOutbox } from './core/jobs/features.js';
import { Pacer } from './core/jobs/pacer.js';
import { Dispatcher, type Registry } from './core/dispatcher.js';
import { DeliveryPorts, type DeliveryDirectory } from './core/ports.js';
import type { Services, Settings } from './core/services.js';
import { DEFAULT_AGENDA_PATH } from './config.js';
import { silentLogger, type Logger } from './log.js';
import type { StorageBackend } from './persistence/backend.js';

export interface CoreOptions {
  /** The agenda file (`Config.agendaPath`; default `data/agenda.json`). Ignored when `agenda` is given. */
  readonly agendaPath?: string;
  /** An agenda already loaded (tests, imports). */
  readonly agenda?: Agenda;
  /** The stores, transactions and search (`openStorage`, or `openSqliteBackend` over an open database). */
  readonly backend: StorageBackend;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The running platforms' delivery ports (`Services.platforms`). */
  readonly delivery?: DeliveryDirectory;
  readonly random?: () => number;
  readonly registry?: Registry;
  /** From `Config`; defaults: UTC, 24 hours of catch-up. */
  readonly settings?: Partial<Settings>;
  /** Hours before a reading-group session that its reminder goes out (`REMINDER_HOURS`, default 24). */
  readonly reminderHours?: number;
}

export interface Core {
  readonly services: Services;
  readonly dispatcher: Dispatcher;
  /** Swap the agenda at run time (reload): `await agenda.replace(createCatalog(next))` re-indexes first. */
  readonly agenda: AgendaHolder;
}

/** Rejects with `AgendaValidationError` (with every problem) if the agenda file is not usable. */
export async function bootCore(options: CoreOptions): Promise<Core> {
  const agenda = options.agenda ?? loadAgenda(options.agendaPath ?? DEFAULT_AGENDA_PATH);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const { backend } = options;
  const index = async (next: Agenda): Promise<void> => {
    const rebuilt = await backend.ensureIndexed(next, agendaContentHash(next), clock.now());
    if (rebuilt) logger.info({ agenda: next.id, challenges: next.challenges.length }, 'agenda indexed');
  };
  await index(agenda);
  const holder = new AgendaHolder(createCatalog(agenda), (next) => index(next.agenda));
  const { stores } = backend;
  const services: Services = {
    agenda: () => holder.current(),
    search: backend.search,
    clock,
    logger,
    platforms: options.delivery ?? new DeliveryPorts(),
    random: options.random ?? Math.random,
    settings: {
      defaultTimezone: options.settings?.defaultTimezone ?? 'UTC',
      digestCatchupHours: options.settings?.digestCatchupHours ?? 24,
      ...(options.settings?.calendarFeedBaseUrl !== undefined
        ? { calendarFeedBaseUrl: options.settings.calendarFeedBaseUrl }
        : {}),
    },
    deliveries: stores.deliveries,
    subscriptions: stores.subscriptions,
    store: backend.unitOfWork,
    outbox: { deliver: (key) => outbox.deliver(key) },
    pacer: new Pacer(),
    readingGroups: { store: stores.readingGroups, reminderHours: options.reminderHours ?? 24 },
    calendars: stores.calendars,
    inlineReplies: stores.inlineReplies,
    introductions: stores.introductions,
    suspensions: stores.suspensions,
  };
  const outbox = createOutbox(services, scheduledFeatures);
  return { services, dispatcher: new Dispatcher(options.registry ?? defaultRegistry, services), agenda: holder };
}
