/**
 * Publishes a person's Home tab (`views.publish`) from the core's home page, in their
 * own time zone, within Slack's limits:
 * - a Home view holds 100 blocks; the page is cut by the same rule as every reply;
 * - publishes for one person are coalesced: at most one per `minIntervalMs`, and a
 *   request while one is waiting joins it (the waiting one reads the newest state);
 * - a 429 is honoured by the Web API client, which waits for `Retry-After` and holds
 *   its other calls meanwhile (`rejectRateLimitedCalls` stays off).
 */
import type { webApi } from '@slack/bolt';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { homePage } from '../../src/core/features/home/index.js';
import type { Logger } from '../../src/log.js';
import { renderReply } from './render.js';
import { describeError } from './slack-errors.js';

/** Block Kit's limit for a Home tab view (messages hold 50). */
export const HOME_TAB_BLOCKS = 100;
/** At most one publish per person this often (views.publish is rate limited per workspace). */
export const DEFAULT_HOME_INTERVAL_MS = 3000;
/** How long a person's time zone from users.info is trusted before asking again. */
const ZONE_TTL_MS = 60 * 60 * 1000;

interface Pending {
  lastStart: number;
  waiting: Promise<void> | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves `waiting` without publishing (on stop), so nobody awaits it forever. */
  release: (() => void) | undefined;
  chain: Promise<void>;
}

/** Runs a call with a workspace's client, and again with its current token if another process replaced it. */
export type WithWorkspaceClient = <T>(teamId: string, call: (client: webApi.WebClient) => Promise<T>) => Promise<T>;

export interface HomePublisherOptions {
  readonly client: webApi.WebClient;
  /** OAuth mode: calls with each workspace's own client (`client` then serves no workspace). */
  readonly withClient?: WithWorkspaceClient | undefined;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  readonly minIntervalMs?: number | undefined;
}

export class HomePublisher {
  readonly #options: HomePublisherOptions;
  readonly #interval: number;
  /** People who opened their Home tab since start: only their pages are redrawn on changes. */
  readonly #seen = new Set<string>();
  readonly #pending = new Map<string, Pending>();
  readonly #zones = new Map<string, { zone: string; at: number }>();
  #stopped = false;

  constructor(options: HomePublisherOptions) {
    this.#options = options;
    this.#interval = options.minIntervalMs ?? DEFAULT_HOME_INTERVAL_MS;
  }

  /** The person opened their Home tab: publish it (coalesced with any waiting publish). */
  opened(teamId: string, userId: string): Promise<void> {
    this.#seen.add(`${teamId}:${userId}`);
    return this.request(teamId, userId);
  }

  /** The person has their Home tab in front of them (they pressed a button on it), even if opened before a restart. */
  looking(teamId: string, userId: string): void {
    this.#seen.add(`${teamId}:${userId}`);
  }

  /** Something on the person's page changed: redraw it if they have looked at it. */
  changed(teamId: string, userId: string): Promise<void> {
    return this.#seen.has(`${teamId}:${userId}`) ? this.request(teamId, userId) : Promise.resolve();
  }

  /** Publishes soon: now if the last publish for this person is old enough, else when it is. */
  request(teamId: string, userId: string): Promise<void> {
    const key = `${teamId}:${userId}`;
    const entry: Pending = this.#pending.get(key) ?? {
      lastStart: -Infinity,
      waiting: undefined,
      timer: undefined,
      release: undefined,
      chain: Promise.resolve(),
    };
    this.#pending.set(key, entry);
    if (entry.waiting) return entry.waiting;
    const delay = Math.max(0, entry.lastStart + this.#interval - Date.now());
    entry.waiting = new Promise<void>((resolve) => {
      entry.release = resolve;
      entry.timer = setTimeout(() => {
        entry.waiting = undefined;
        entry.timer = undefined;
        entry.release = undefined;
        // One publish at a time per person, even when one waits out a 429.
        entry.chain = entry.chain.then(() => this.#publish(teamId, userId, entry)).then(resolve);
      }, delay);
    });
    return entry.waiting;
  }

  /** Drops waiting publishes (the app is stopping). */
  stop(): void {
    this.#stopped = true;
    for (const entry of this.#pending.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.release?.();
    }
  }

  async #publish(teamId: string, userId: string, entry: Pending): Promise<void> {
    if (this.#stopped) return;
    const { dispatcher, logger } = this.#options;
    try {
      const withClient = this.#options.withClient ?? ((_teamId, call) => call(this.#options.client));
      await withClient(teamId, async (client) => {
        const zone = await this.#zoneOf(client, userId);
        const page = await homePage(dispatcher.services, { platform: 'slack', tenantId: teamId, userId, zone });
        const { blocks } = renderReply(page, HOME_TAB_BLOCKS);
        // The pace is kept between the calls themselves, whatever the zone lookup took.
        entry.lastStart = Date.now();
        await client.views.publish({ user_id: userId, view: { type: 'home', blocks } });
      });
    } catch (error) {
      logger.warn({ tenantId: teamId, userId, error: describeError(error) }, 'home tab not published');
    }
  }

  /** The person's zone from their Slack profile (`users.info` → `tz`), else the bot's default zone. */
  async #zoneOf(client: webApi.WebClient, userId: string): Promise<string> {
    const cached = this.#zones.get(userId);
    if (cached && Date.now() - cached.at < ZONE_TTL_MS) return cached.zone;
    let zone = this.#options.dispatcher.services.settings.defaultTimezone;
    try {
      const info = await client.users.info({ user: userId });
      const tz = info.user?.tz;
      if (tz !== undefined && isTimeZone(tz)) zone = tz;
    } catch (error) {
      const fields = { userId, error: describeError(error) };
      this.#options.logger.debug(fields, 'no time zone from users.info; using the default');
    }
    this.#zones.set(userId, { zone, at: Date.now() });
    return zone;
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
