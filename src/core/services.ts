/**
 * Everything a command, action or job may use, passed in explicitly (no service
 * locator). Features add their own repositories here.
 */
import type { AgendaCatalog } from './agenda/catalog.js';
import type { AgendaSearch } from './agenda/search.js';
import type { Clock } from './clock.js';
import type { DeliveryDirectory } from './ports.js';
import type { Logger } from '../log.js';

export interface Services {
  /** The current agenda. A getter, because the agenda file can be reloaded while the bot runs. */
  agenda(): AgendaCatalog;
  readonly search: AgendaSearch;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly delivery: DeliveryDirectory;
  /** A number in [0, 1), like Math.random; injected so picks (`/agenda random`) are testable. */
  readonly random: () => number;
}
