/**
 * Weekly subscriptions that are already due, for process tests and benches: one per channel, all due at one
 * instant (by default the start of the previous minute, so the first sweep finds them).
 */
import type { Platform } from '../../src/core/context.js';
import type { NewSubscription } from '../../src/core/features/weekly-question/model.js';
import { weekOf } from '../../src/core/time/weekly.js';
import type { Weekday } from '../../src/core/time/zoned.js';
import { openPostgresBackend } from '../../src/persistence/postgres/index.js';

export interface ChannelTarget {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly channelId: string;
}

/** The start of the previous minute: due for a sweep that runs now. */
export function previousMinute(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
}

/** A weekly question for one channel, whole agenda in agenda order, due at `due` (UTC). */
export function dueWeekly(target: ChannelTarget, due: Date): NewSubscription {
  return {
    platform: target.platform,
    tenantId: target.tenantId,
    target: { kind: 'channel', channelId: target.channelId },
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
  };
}

/**
 * Subscriptions for channels C1, C2, … of Slack workspace T1, one each, all on `due`'s weekday and time and next
 * due at `nextDueAt` (a past instant makes a missed week). Returns their ids in order.
 */
export async function subscribeChannels(
  subscriptions: { create(subscription: NewSubscription): Promise<{ readonly id: number }> },
  channels: number,
  due: Date,
  nextDueAt = due,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= channels; i += 1) {
    const target = { platform: 'slack' as const, tenantId: 'T1', channelId: `C${i}` };
    ids.push((await subscriptions.create({ ...dueWeekly(target, due), nextDueAt, createdAt: nextDueAt })).id);
  }
  return ids;
}

/** The targets' subscriptions in one transaction (ids 1, 2, … in order on a fresh database). Returns the week. */
export async function seedPostgresSubscriptions(
  url: string,
  targets: readonly ChannelTarget[],
  due = previousMinute(),
): Promise<{ week: string; due: Date }> {
  const backend = await openPostgresBackend(url);
  try {
    await backend.unitOfWork.atomically(async (tx) => {
      for (const target of targets) await tx.subscriptions.create(dueWeekly(target, due));
    });
  } finally {
    await backend.close();
  }
  return { week: weekOf(due, 'UTC'), due };
}
