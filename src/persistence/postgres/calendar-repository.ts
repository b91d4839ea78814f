/**
 * PostgreSQL implementation of `CalendarStore`: session revisions (raised by the triggers of migration 006) and
 * feed tokens, made and checked exactly as on SQLite (only the token's SHA-256 is stored).
 */
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../core/context.js';
import type { CalendarStore, FeedOwner } from '../../core/features/calendar/store.js';
import { sha256, TOKEN_BYTES, TOKEN_SHAPE } from '../calendar-repository.js';
import type { Executor } from './connection.js';
import { sql } from './sql.js';

export class PostgresCalendars implements CalendarStore {
  constructor(private readonly db: Executor) {}

  async sequences(groupId: number): Promise<ReadonlyMap<number, number>> {
    const rows = await this.db.rows<{ number: number; sequence: number }>(
      sql`SELECT number, sequence FROM reading_group_session_revisions WHERE group_id = ${groupId}`,
    );
    return new Map(rows.map((r) => [r.number, r.sequence]));
  }

  async issueFeedToken(groupId: number, userId: string, at: Date): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await this.db.run(sql`
      INSERT INTO reading_group_calendar_feeds (group_id, token_sha256, created_by, created_at)
        VALUES (${groupId}, ${sha256(token)}, ${userId}, ${at.toISOString()})
        ON CONFLICT (group_id) DO UPDATE SET token_sha256 = excluded.token_sha256,
          created_by = excluded.created_by, created_at = excluded.created_at`);
    return token;
  }

  async feedOwner(token: string): Promise<FeedOwner | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const row = await this.db.row<{ group_id: number; platform: string; tenant_id: string }>(sql`
      SELECT f.group_id, g.platform, g.tenant_id FROM reading_group_calendar_feeds f
        JOIN reading_groups g ON g.id = f.group_id WHERE f.token_sha256 = ${sha256(token)}`);
    return row ? { groupId: row.group_id, platform: row.platform as Platform, tenantId: row.tenant_id } : undefined;
  }

  async hasFeed(groupId: number): Promise<boolean> {
    return (
      (await this.db.row(sql`SELECT 1 FROM reading_group_calendar_feeds WHERE group_id = ${groupId}`)) !== undefined
    );
  }
}
