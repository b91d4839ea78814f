/**
 * The claim's query plan (issue 12, migration 009): a claim walks the partial index of
 * actionable deliveries in claim order and stops at its limit, with no sort of every due row.
 */
import { describe, expect, it } from 'vitest';
import { ephemeralText } from '../../src/core/message.js';
import { openDatabase } from '../../src/persistence/db.js';
import { claimSql } from '../../src/persistence/deliveries-claim-sql.js';
import { DeliveriesRepository } from '../../src/persistence/deliveries-repository.js';

const at = '2024-03-04T09:00:00.000Z';

describe('the claim query', () => {
  it('scans the claim-order index and sorts nothing', () => {
    const db = openDatabase(':memory:');
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${claimSql(3)}`)
      .all('A', at, at, at, at, 'slack', 'discord', 'shell', 10) as { detail: string }[];
    const details = plan.map((row) => row.detail.trim());
    expect(details).toContain('SCAN deliveries USING INDEX deliveries_claim_order');
    expect(details.filter((d) => d.includes('TEMP B-TREE'))).toEqual([]);
  });

  it('indexes only the rows a process may still act on', () => {
    const db = openDatabase(':memory:');
    const store = new DeliveriesRepository(db);
    const due = new Date(at);
    for (const key of ['a', 'b', 'c']) {
      const destination = {
        kind: 'channel',
        conversation: { platform: 'slack', tenantId: 'T1', channelId: key },
      } as const;
      store.plan({ key, destination, reply: ephemeralText(key), dueAt: due }, due);
    }
    store.claimKey('a', 'A', due, 60_000);
    store.markSent(
      'a',
      'A',
      { conversation: { platform: 'slack', tenantId: 'T1', channelId: 'a' }, messageId: '1' },
      due,
    );
    store.claimKey('b', 'A', due, 60_000);
    store.finish('b', 'A', 'skipped', 'test', due);
    const indexed = db
      .prepare(
        `SELECT key FROM deliveries INDEXED BY deliveries_claim_order
           WHERE state = 'pending' OR (state = 'sent' AND thread_state = 'wanted') ORDER BY due_at, key`,
      )
      .all();
    expect(indexed).toEqual([{ key: 'c' }]);
  });
});
