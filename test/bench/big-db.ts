/**
 * Bench databases made with the real repositories: migrated and indexed by `bootCore`,
 * then filled in one transaction with `subscriptions` weekly subscriptions and `groups`
 * reading groups (six sessions each). Nothing in them is due during the bench: every
 * subscription's next post and every session lie weeks ahead.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootCore } from '../../src/boot.js';
import type { Weekday } from '../../src/core/time/zoned.js';
import { openDatabase } from '../../src/persistence/db.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import { ROOT } from './processes.js';

const DAY = 86_400_000;

export async function makeBenchDb(subscriptions: number, groups: number): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'agendabot-bench-db-')), 'bench.db');
  const backend = openSqliteBackend(openDatabase(path));
  const { services } = await bootCore({ backend, agendaPath: join(ROOT, 'data/agenda.json') });
  const now = new Date();
  const later = new Date(now.getTime() + 21 * DAY);
  await services.store.atomically(async (tx) => {
    for (let i = 0; i < subscriptions; i += 1) {
      await tx.subscriptions.create({
        platform: i % 2 === 0 ? 'slack' : 'discord',
        tenantId: `bench-tenant-${i % 500}`,
        target: i % 3 === 0 ? { kind: 'user', userId: `U${i}` } : { kind: 'channel', channelId: `C${i}` },
        ownerId: `U${i}`,
        weekday: (i % 7) as Weekday,
        time: { hour: 9, minute: 0 },
        zone: 'Europe/Berlin',
        origin: 'any',
        order: i % 2 === 0 ? 'agenda' : 'shuffled',
        count: 1,
        seed: i,
        nextDueAt: later,
        createdAt: now,
      });
    }
    for (let g = 0; g < groups; g += 1) {
      await tx.readingGroups.createGroup({
        platform: 'slack',
        tenantId: `bench-tenant-${g % 500}`,
        channelId: `CG${g}`,
        name: `Bench group ${g}`,
        unit: 'challenge',
        syllabusSpec: 'all',
        schedule: { weekday: 3, localTime: '17:00', timeZone: 'Europe/Berlin', everyWeeks: 1 },
        createdBy: `U${g}`,
        createdAt: now,
        eventsOn: false,
        sessions: Array.from({ length: 6 }, (_, s) => {
          const startsAt = new Date(later.getTime() + s * 7 * DAY);
          return { unitId: `${(s % 3) + 2}.1`, localDate: startsAt.toISOString().slice(0, 10), startsAt };
        }),
      });
    }
  });
  await backend.close();
  return path;
}

/** A fresh copy of a bench database, so each start finds the same state. */
export function copyOf(path: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'agendabot-bench-run-')), 'bot.db');
  copyFileSync(path, copy);
  return copy;
}
