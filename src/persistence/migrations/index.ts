/**
 * The schema's history, oldest first. Never edit a released migration: add a new one.
 * Numbers are reserved per feature so parallel work does not collide:
 * 1 agenda index, 2 subscriptions and deliveries, 3 reading groups, 4 delivery claims (many processes),
 * 5 introductions, 6 reading-group calendars, 7 inline replies, 8 Slack installations (OAuth),
 * 9 the claim-order index on actionable deliveries, 10 the search's top lists.
 */
import { agendaIndex } from './001-agenda-index.js';
import { subscriptionsAndDeliveries } from './002-subscriptions-deliveries.js';
import { readingGroups } from './003-reading-groups.js';
import { deliveryClaims } from './004-delivery-claims.js';
import { introductions } from './005-introductions.js';
import { readingGroupCalendars } from './006-reading-group-calendars.js';
import { inlineReplies } from './007-inline-replies.js';
import { slackInstallations } from './008-slack-installations.js';
import { claimableDeliveries } from './009-claimable-deliveries.js';
import { searchTopLists } from './010-search-top-lists.js';

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
  introductions,
  readingGroupCalendars,
  inlineReplies,
  slackInstallations,
  claimableDeliveries,
  searchTopLists,
];
