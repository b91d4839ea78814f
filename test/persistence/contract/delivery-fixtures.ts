/** Deliveries for the ledger's contract tests: one Slack workspace, planned at a fixed instant. */
import type { DeliveryStore, PlannedDelivery } from '../../../src/core/jobs/deliveries.js';
import { ephemeralText } from '../../../src/core/message.js';
import type { Destination } from '../../../src/core/ports.js';

export const at = (iso: string): Date => new Date(iso);
export const MINUTE = 60_000;

const channel = (channelId: string): Destination => ({
  kind: 'channel',
  conversation: { platform: 'slack', tenantId: 'T1', channelId },
});

export const delivery = (key: string, dueAt = '2024-03-04T09:00:00Z'): PlannedDelivery => ({
  key,
  destination: channel('C1'),
  reply: ephemeralText(key),
  dueAt: at(dueAt),
});

export const posted = {
  conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' },
  messageId: '1.1',
} as const;

/** Deliveries `a`, `b` and `c`, planned at 09:00 and due then. */
export async function planThree(store: DeliveryStore): Promise<void> {
  for (const key of ['a', 'b', 'c']) await store.plan(delivery(key), at('2024-03-04T09:00:00Z'));
}
