/**
 * The SQLite backend under the asynchronous ports: transactions by hand (BEGIN IMMEDIATE,
 * COMMIT, ROLLBACK) and the connection's gate that keeps other async flows out of an open
 * transaction. Interleavings are forced with promises the test resolves, never with sleeps.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedDelivery } from '../../src/core/jobs/deliveries.js';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import { OuterStoreInTransactionError } from '../../src/persistence/transaction-errors.js';
import { openStorage } from '../../src/persistence/storage.js';

const now = new Date('2026-03-02T10:00:00Z');

function delivery(key: string): PlannedDelivery {
  return {
    key,
    destination: { kind: 'channel', conversation: { platform: 'shell', tenantId: 'T1', channelId: 'C1' } },
    reply: { visibility: 'channel', summary: key, blocks: [] },
    dueAt: now,
  };
}

/** What the connection itself holds now, committed or not (the test's own synchronous look). */
function keys(db: Db): string[] {
  return (db.prepare('SELECT key FROM deliveries ORDER BY key').all() as { key: string }[]).map((r) => r.key);
}

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

function backendInMemory() {
  const db = openDatabase(':memory:');
  return { db, backend: openSqliteBackend(db) };
}

describe('the SQLite backend: each call on its own', () => {
  it('runs the statement at the call, before anything is awaited, when no transaction is open', async () => {
    const { db, backend } = backendInMemory();
    const planned = backend.stores.deliveries.plan(delivery('a'), now);
    expect(keys(db)).toEqual(['a']);
    expect(await planned).toBe(true);
    expect(await backend.stores.deliveries.plan(delivery('a'), now)).toBe(false);
  });

  it('turns a failing statement into a rejection, not a throw at the call', async () => {
    const { backend } = backendInMemory();
    const missing = backend.stores.subscriptions.setNextDue(1, new Date(Number.NaN));
    await expect(missing).rejects.toThrow(RangeError);
  });
});

describe('the SQLite backend: atomically', () => {
  it('commits what the work wrote when it resolves, and returns its value', async () => {
    const { db, backend } = backendInMemory();
    const result = await backend.unitOfWork.atomically(async (tx) => {
      await tx.deliveries.plan(delivery('a'), now);
      await tx.deliveries.plan(delivery('b'), now);
      return 'done';
    });
    expect(result).toBe('done');
    expect(db.inTransaction).toBe(false);
    expect(keys(db)).toEqual(['a', 'b']);
  });

  it('rolls back everything a rejected work wrote, in every store', async () => {
    const { db, backend } = backendInMemory();
    const work = backend.unitOfWork.atomically(async (tx) => {
      await tx.deliveries.plan(delivery('a'), now);
      const group = await tx.readingGroups.createGroup({
        platform: 'shell',
        tenantId: 'T1',
        channelId: 'C1',
        name: 'RG',
        unit: 'challenge',
        syllabusSpec: 'all',
        schedule: { weekday: 4, localTime: '17:00', timeZone: 'UTC', everyWeeks: 1 },
        createdBy: 'U1',
        createdAt: now,
        eventsOn: false,
        sessions: [{ unitId: '3.5', localDate: '2026-03-05', startsAt: now }],
      });
      await tx.readingGroups.addMember(group.id, 'U2', now);
      throw new Error('changed my mind');
    });
    await expect(work).rejects.toThrow('changed my mind');
    expect(db.inTransaction).toBe(false);
    expect(keys(db)).toEqual([]);
    expect(await backend.stores.readingGroups.groupsOf('shell', 'T1')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM reading_group_members').get()).toEqual({ n: 0 });
  });

  it('keeps a statement of another async flow out of an open transaction: it runs after, and survives its rollback', async () => {
    const { db, backend } = backendInMemory();
    const entered = signal();
    const held = signal();
    const work = backend.unitOfWork.atomically(async (tx) => {
      await tx.deliveries.plan(delivery('inside'), now);
      entered.fire();
      await held.promise;
      throw new Error('rolled back');
    });
    await entered.promise;
    const outside = backend.stores.deliveries.plan(delivery('outside'), now);
    const read = backend.stores.deliveries.get('inside');
    // The transaction is open: the other flow's write has not run, and it cannot read the uncommitted row.
    expect(keys(db)).toEqual(['inside']);
    held.fire();
    await expect(work).rejects.toThrow('rolled back');
    expect(await outside).toBe(true);
    expect(await read).toBeUndefined();
    expect(keys(db)).toEqual(['outside']);
  });

  it('starts a transaction asked for while another is open only after that one ends', async () => {
    const { db, backend } = backendInMemory();
    const events: string[] = [];
    const entered = signal();
    const held = signal();
    const first = backend.unitOfWork.atomically(async (tx) => {
      events.push('first begins');
      await tx.deliveries.plan(delivery('first'), now);
      entered.fire();
      await held.promise;
      events.push('first ends');
    });
    await entered.promise;
    const second = backend.unitOfWork.atomically(async (tx) => {
      events.push('second begins');
      // It sees what the first committed: it began after that commit.
      events.push(`second sees ${(await tx.deliveries.get('first'))?.key ?? 'nothing'}`);
      await tx.deliveries.plan(delivery('second'), now);
    });
    expect(events).toEqual(['first begins']);
    held.fire();
    await Promise.all([first, second]);
    expect(events).toEqual(['first begins', 'first ends', 'second begins', 'second sees first']);
    expect(keys(db)).toEqual(['first', 'second']);
  });

  it('refuses an outer store called from inside the work, instead of waiting for itself forever', async () => {
    const { db, backend } = backendInMemory();
    const work = backend.unitOfWork.atomically(async (tx) => {
      await tx.deliveries.plan(delivery('a'), now);
      await backend.stores.deliveries.get('a');
    });
    await expect(work).rejects.toThrow(OuterStoreInTransactionError);
    expect(keys(db)).toEqual([]);
    const nested = backend.unitOfWork.atomically(() => backend.unitOfWork.atomically(async () => 'never'));
    await expect(nested).rejects.toThrow(OuterStoreInTransactionError);
  });

  it('refuses a transaction store used after its transaction ended', async () => {
    const { db, backend } = backendInMemory();
    const kept = await backend.unitOfWork.atomically(async (tx) => tx);
    await expect(kept.deliveries.plan(delivery('late'), now)).rejects.toThrow(/after its transaction ended/u);
    expect(keys(db)).toEqual([]);
  });

  it('shares one gate among backends opened on one connection', async () => {
    const db = openDatabase(':memory:');
    const one = openSqliteBackend(db);
    const two = openSqliteBackend(db);
    const entered = signal();
    const held = signal();
    const work = one.unitOfWork.atomically(async (tx) => {
      await tx.deliveries.plan(delivery('one'), now);
      entered.fire();
      await held.promise;
      throw new Error('rolled back');
    });
    await entered.promise;
    const other = two.stores.deliveries.plan(delivery('two'), now);
    held.fire();
    await expect(work).rejects.toThrow('rolled back');
    expect(await other).toBe(true);
    expect(keys(db)).toEqual(['two']);
  });
});

describe('openStorage', () => {
  it('opens SQLite at DATABASE_PATH without DATABASE_URL, making its folder', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'agendabot-storage-')), 'nested', 'bot.db');
    const migrated: number[] = [];
    const backend = await openStorage({ databasePath: path }, { onMigrated: (applied) => migrated.push(applied) });
    expect(backend.kind).toBe('sqlite');
    expect(migrated[0]).toBeGreaterThan(0);
    expect(await backend.stores.deliveries.plan(delivery('a'), now)).toBe(true);
    await backend.close();
    const again = await openStorage({ databasePath: path });
    expect((await again.stores.deliveries.get('a'))?.key).toBe('a');
    await again.close();
  });
});
