/**
 * SQLite implementation of `CalendarStore`: session revisions (raised by the triggers
 * of migration 006) and feed tokens. A token is 32 random bytes from the operating
 * system's CSPRNG, written as base64url (43 characters); only its SHA-256 is stored,
 * so a copy of the database opens no feed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Platform } from '../core/context.js';
import type { CalendarStore, FeedOwner } from '../core/features/calendar/store.js';
import type { Db } from './db.js';
import type { Synchronous } from './sqlite-gate.js';

export const TOKEN_BYTES = 32;
/** What a token looks like: anything else is refused before it is hashed. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/u;

export function sha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface OwnerRow {
  readonly group_id: number;
  readonly platform: string;
  readonly tenant_id: string;
}

export class SqliteCalendarStore implements Synchronous<CalendarStore> {
  readonly #q;

  constructor(db: Db) {
    this.#q = {
      sequences: db.prepare('SELECT number, sequence FROM reading_group_session_revisions WHERE group_id = ?'),
      replaceFeed: db.prepare(
        `INSERT INTO reading_group_calendar_feeds (group_id, token_sha256, created_by, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id) DO UPDATE SET token_sha256 = excluded.token_sha256,
           created_by = excluded.created_by, created_at = excluded.created_at`,
      ),
      owner: db.prepare(
        `SELECT f.group_id, g.platform, g.tenant_id FROM reading_group_calendar_feeds f
         JOIN reading_groups g ON g.id = f.group_id WHERE f.token_sha256 = ?`,
      ),
      hasFeed: db.prepare('SELECT 1 FROM reading_group_calendar_feeds WHERE group_id = ?'),
    };
  }

  sequences(groupId: number): ReadonlyMap<number, number> {
    const rows = this.#q.sequences.all(groupId) as { number: number; sequence: number }[];
    return new Map(rows.map((r) => [r.number, r.sequence]));
  }

  issueFeedToken(groupId: number, userId: string, at: Date): string {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    this.#q.replaceFeed.run(groupId, sha256(token), userId, at.toISOString());
    return token;
  }

  feedOwner(token: string): FeedOwner | undefined {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const row = this.#q.owner.get(sha256(token)) as OwnerRow | undefined;
    return row ? { groupId: row.group_id, platform: row.platform as Platform, tenantId: row.tenant_id } : undefined;
  }

  hasFeed(groupId: number): boolean {
    return this.#q.hasFeed.get(groupId) !== undefined;
  }
}
