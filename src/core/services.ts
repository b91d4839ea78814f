/**
 * Everything a command, action or job may use, passed in explicitly (no service
 * locator). Features add their own repositories here.
 */
import type { AgendaCatalog } from './agenda/catalog.js';
import type { AgendaSearch } from './agenda/search.js';
import type { Clock } from './clock.js';
import type { DeliveryRecord, DeliveryStore } from './jobs/deliveries.js';
import type { Pacer } from './jobs/pacer.js';
import type { DeliveryDirectory } from './ports.js';
import type { SubscriptionStore } from './features/weekly-question/model.js';
import type { IntroductionStore } from './features/introductions/model.js';
import type { Logger } from '../log.js';
import type { ReadingGroupServices } from './features/reading-groups/services.js';
import type { CalendarStore } from './features/calendar/store.js';
import type { InlineReplyLedger } from './features/inline-references/ledger.js';
import type { UnitOfWork } from './store.js';
import type { TenantSuspensionStore } from './tenants/store.js';

/** Settings features need at run time (from `Config`; the core never reads the environment). */
export interface Settings {
  /** IANA zone for schedules given without `tz=`. */
  readonly defaultTimezone: string;
  /** A weekly question that fell due while the bot was down is still posted if less than this old. */
  readonly digestCatchupHours: number;
  /**
   * Where reading-group calendar feeds are served (`PUBLIC_BASE_URL`), set only when the
   * process serves them (Slack in HTTP mode); unset, `/readinggroup calendar` says feeds need HTTP mode.
   */
  readonly calendarFeedBaseUrl?: string;
}

export interface Services {
  /** The current agenda. A getter, because the agenda file can be reloaded while the bot runs. */
  agenda(): AgendaCatalog;
  readonly search: AgendaSearch;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The running platforms, each as a delivery port (post, update, permissions). Not to be confused with `deliveries`. */
  readonly platforms: DeliveryDirectory;
  readonly settings: Settings;
  /** The ledger of scheduled posts, each made exactly once (weekly questions, reading-group posts). */
  readonly deliveries: DeliveryStore;
  /** Weekly-question subscriptions, their rotation history and interests. */
  readonly subscriptions: SubscriptionStore;
  /**
   * Transactions over every store: `store.atomically(async (tx) => …)` when a feature changes its own
   * state and plans a post together. The stores above run each call on its own, atomically.
   */
  readonly store: UnitOfWork;
  /** A number in [0, 1), like Math.random; injected so picks (`/agenda random`) are testable. */
  readonly random: () => number;
  /**
   * Posts one planned delivery now instead of at the next sweep (`digest now`, a new
   * group's kickoff). One outbox for every feature, built in `boot.ts`; a failure goes to
   * the feature owning the key, as in a sweep.
   */
  readonly outbox: PostNow;
  /**
   * The posting pace kept by this core's outboxes (the command path's and every sweep's), so
   * they share one set of slots. It belongs to the core, not to the module: a second core in
   * the same Node process (a test's next world, a simulated restart) starts with free slots
   * instead of inheriting reservations made on another clock.
   */
  readonly pacer: Pacer;
  /** Reading groups: their store and reminder lead time. */
  readonly readingGroups: ReadingGroupServices;
  /** Reading-group calendars: session revisions (SEQUENCE) and feed tokens. */
  readonly calendars: CalendarStore;
  /** Messages already answered with inline references (at most one reply each). */
  readonly inlineReplies: InlineReplyLedger;
  /** Introductions: consent, the Discord introductions channel, and the ledger of introductions made. */
  readonly introductions: IntroductionStore;
  /** What the bot paused for tenants that removed the app, to resume on reinstall. */
  readonly suspensions: TenantSuspensionStore;
}

export interface PostNow {
  /** Advances the delivery as far as it can go now; its state afterwards. */
  deliver(key: string): Promise<DeliveryRecord | undefined>;
}
