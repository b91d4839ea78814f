/** Weekly subscriptions due at the start of the previous minute, one per channel, in a PostgreSQL database. */
import type { Platform } from '../../src/core/context.js';
import type { Weekday } from '../../src/core/time/zoned.js';
import { openPostgresBackend } from '../../src/persistence/postgres/index.js';

export async function seedSubscriptions(
  url: string,
  platform: Platform,
  tenantId: string,
  channels: readonly string[],
): Promise<void> {
  const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  const backend = await openPostgresBackend(url);
  try {
    await backend.unitOfWork.atomically(async (tx) => {
      for (const channelId of channels) {
        await tx.subscriptions.create({
          platform,
          tenantId,
          target: { kind: 'channel', channelId },
          ownerId: 'U0OWNER',
          weekday: due.getUTCDay() as Weekday,
          time: { hour: due.getUTCHours(), minute: due.getUTCMinutes() },
          zone: 'UTC',
          origin: 'any',
          order: 'agenda',
          count: 1,
          seed: 7,
          nextDueAt: due,
          createdAt: due,
        });
      }
    });
  } finally {
    await backend.close();
  }
}
