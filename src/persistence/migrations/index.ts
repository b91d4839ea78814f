/**
 * The schema's history, oldest first. Never edit a released migration: add a new one.
 * Numbers are reserved per feature so parallel work does not collide:
 * 1 agenda index, 2 subscriptions and deliveries, 3 reading groups, 4 delivery claims (many processes).
 */
import { agendaIndex } from './001-agenda-index.js';
import { subscriptionsAndDeliveries } from './002-subscriptions-deliveries.js';
import { readingGroups } from './003-reading-groups.js';
import { deliveryClaims } from './004-delivery-claims.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  agendaIndex,
  subscriptionsAndDeliveries,
  readingGroups,
  deliveryClaims,
];
