import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/persistence/db.js';
import { InlineRepliesRepository } from '../../src/persistence/inline-replies-repository.js';

const message = { platform: 'slack', tenantId: 'T1', channelId: 'C1', messageId: '1700000000.000100' } as const;

describe('the inline replies ledger', () => {
  it('grants the first claim of a message and refuses every later one', () => {
    const ledger = new InlineRepliesRepository(openDatabase(':memory:'));
    const at = new Date('2026-01-05T09:00:00Z');
    expect(ledger.claim(message, at)).toBe(true);
    expect(ledger.claim(message, at)).toBe(false);
    expect(ledger.claim({ ...message, tenantId: 'T2' }, at)).toBe(false);
    expect(ledger.claim({ ...message, channelId: 'C2' }, at)).toBe(true);
    expect(ledger.claim({ ...message, platform: 'discord' }, at)).toBe(true);
  });

  it('forgets messages after thirty days, so the table stays small', () => {
    const db = openDatabase(':memory:');
    const ledger = new InlineRepliesRepository(db);
    ledger.claim(message, new Date('2026-01-05T09:00:00Z'));
    ledger.claim({ ...message, messageId: 'later' }, new Date('2026-02-03T09:00:00Z'));
    expect((db.prepare('SELECT count(*) AS n FROM inline_replies').get() as { n: number }).n).toBe(2);
    ledger.claim({ ...message, messageId: 'latest' }, new Date('2026-02-05T09:00:00Z'));
    const select = db.prepare('SELECT message_id FROM inline_replies ORDER BY message_id');
    const rows = select.all() as { message_id: string }[];
    const ids = rows.map((r) => r.message_id);
    expect(ids).toEqual(['later', 'latest']);
  });
});
