/**
 * Features that post on a schedule. Each gives the sweeper a provider (what has fallen
 * due) and the outbox a handler (what to do when one of its posts fails for good).
 * Features declare their scheduled work once (`../features/declaration.ts`);
 * `features/index.ts` turns the list of features into these.
 */
import type { Services } from '../services.js';
import { Outbox, type DeliveryHandler, type OutboxOptions } from './outbox.js';
import { Sweeper, type DueWorkProvider, type SweeperOptions } from './sweeper.js';

export interface ScheduledFeature {
  readonly name: string;
  provider(services: Services): DueWorkProvider;
  handler(services: Services): DeliveryHandler;
}

export function createOutbox(
  services: Services,
  features: readonly ScheduledFeature[],
  options: OutboxOptions = {},
): Outbox {
  const deps = {
    store: services.deliveries,
    ports: services.platforms,
    clock: services.clock,
    logger: services.logger,
  };
  return new Outbox(
    deps,
    features.map((f) => f.handler(services)),
    { pacer: services.pacer, ...options },
  );
}

export function createSweeper(
  services: Services,
  features: readonly ScheduledFeature[],
  options: OutboxOptions & SweeperOptions = {},
): Sweeper {
  const outbox = createOutbox(services, features, options);
  const sweeperOptions = { leases: services.deliveries, ...options };
  const providers = features.map((f) => f.provider(services));
  return new Sweeper(providers, outbox, services.clock, services.logger, sweeperOptions);
}
