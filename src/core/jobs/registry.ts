/**
 * Every feature that posts on a schedule. The sweeper plans through each, and the
 * outbox routes failures to the one that owns a key. Features append themselves here.
 */
import { digestFeature } from '../subscriptions/feature.js';
import type { ScheduledFeature } from './features.js';

export const scheduledFeatures: readonly ScheduledFeature[] = [digestFeature];
