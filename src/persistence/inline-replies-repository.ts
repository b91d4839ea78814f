/**
 * SQLite implementation of `InlineReplyLedger` (table `inline_replies`, migration 7).
 * `INSERT … ON CONFLICT DO NOTHING` is the claim: SQLite serialises writers, so of two
 * processes inserting the same message exactly one changes a row.
 */
import type { InlineReplyLedger, MessageRef } from '../core/features/inline-references/ledger.js';
import type { Db } from './db.js';
import type { Synchronous } from './sqlite-gate.js';
import { statementCache } from './statement-cache.js';

/** Rows older than this are pruned; a platform redelivers an event within minutes, not weeks. */
export const KEEP_MS = 30 * 24 * 60 * 60_000;

export class InlineRepliesRepository implements Synchronous<InlineReplyLedger> {
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: Db) {
    this.#sql = statementCache(db);
  }

  claim(message: MessageRef, at: Date): boolean {
    this.#sql('DELETE FROM inline_replies WHERE claimed_at < ?').run(new Date(at.getTime() - KEEP_MS).toISOString());
    const result = this.#sql(
      `INSERT INTO inline_replies (platform, channel_id, message_id, tenant_id, claimed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, channel_id, message_id) DO NOTHING`,
    ).run(message.platform, message.channelId, message.messageId, message.tenantId, at.toISOString());
    return result.changes === 1;
  }
}
