/**
 * PostgreSQL implementation of `InlineReplyLedger`. `INSERT … ON CONFLICT DO NOTHING` is the claim: of two
 * processes inserting the same message at once, the second waits for the first's row and then changes nothing.
 */
import type { InlineReplyLedger, MessageRef } from '../../core/features/inline-references/ledger.js';
import { KEEP_MS } from '../inline-replies-repository.js';
import type { Executor } from './connection.js';
import { sql } from './sql.js';

export class PostgresInlineReplies implements InlineReplyLedger {
  constructor(private readonly db: Executor) {}

  async claim(message: MessageRef, at: Date): Promise<boolean> {
    await this.db.run(
      sql`DELETE FROM inline_replies WHERE claimed_at < ${new Date(at.getTime() - KEEP_MS).toISOString()}`,
    );
    const changed = await this.db.run(sql`
      INSERT INTO inline_replies (platform, channel_id, message_id, tenant_id, claimed_at)
        VALUES (${message.platform}, ${message.channelId}, ${message.messageId}, ${message.tenantId}, ${at.toISOString()})
        ON CONFLICT (platform, channel_id, message_id) DO NOTHING`);
    return changed === 1;
  }
}
