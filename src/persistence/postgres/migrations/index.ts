/**
 * PostgreSQL's schema history, with the same version numbers as SQLite's (`../../migrations/index.ts`), so both
 * backends at version N hold the same data. Never edit a released migration: add a new one on both sides.
 */
import type { Migration } from '../../migrations/index.js';
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

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
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
