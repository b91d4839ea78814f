/**
 * Every feature that posts on a schedule. The sweeper plans through each, and the
 * outbox routes failures to the one that owns a key. Features append themselves here.
 */
import { readingGroupsScheduled } from './reading-groups/scheduled-posts.js';
import { digestFeature } from './weekly-question/scheduled-posts.js';
import type { ScheduledFeature } from '../jobs/features.js';

export const scheduledFeatures: readonly ScheduledFeature[] = [digestFeature, readingGroupsScheduled];
