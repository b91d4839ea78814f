/**
 * Everything a command, action or job may use, passed in explicitly (no service
 * locator). Features add their own repositories here.
 */
import type { AgendaCatalog } from './agenda/catalog.js';
import type { AgendaSearch } from './agenda/search.js';
import type { Clock } from './clock.js';
import type { DeliveryDirectory } from './ports.js';
import type { Logger } from '../log.js';
import type { ReadingGroupsFeature } from './reading-groups/feature.js';

export interface Services {
  /** The current agenda. A getter, because the agenda file can be reloaded while the bot runs. */
  agenda(): AgendaCatalog;
  readonly search: AgendaSearch;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly delivery: DeliveryDirectory;
  /** Reading groups (issue 6): the store and its settings. Optional so older wiring still compiles. */
  readonly readingGroups?: ReadingGroupsFeature;
}
