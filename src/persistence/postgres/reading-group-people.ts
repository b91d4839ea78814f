/**
 * The people of PostgreSQL reading groups: members, organisers and RSVPs (the rest of the store is in
 * `reading-groups-repository.ts`). Organisers and RSVPs come back in the order they were added (`seq`).
 */
import type { Member, ReminderRoute, Rsvp, RsvpAnswer } from '../../core/features/reading-groups/model.js';
import { toMember, type MemberRow } from '../reading-groups-statements.js';
import type { Executor } from './connection.js';
import { sql } from './sql.js';

export class PostgresReadingGroupPeople {
  constructor(protected readonly db: Executor) {}

  async members(groupId: number): Promise<readonly Member[]> {
    const rows = await this.db.rows<MemberRow>(
      sql`SELECT * FROM reading_group_members WHERE group_id = ${groupId} ORDER BY joined_at, user_id`,
    );
    return rows.map(toMember);
  }

  async addMember(groupId: number, userId: string, at: Date): Promise<boolean> {
    const changed = await this.db.run(sql`
      INSERT INTO reading_group_members (group_id, user_id, joined_at) VALUES (${groupId}, ${userId}, ${at.toISOString()})
        ON CONFLICT DO NOTHING`);
    return changed > 0;
  }

  async removeMember(groupId: number, userId: string): Promise<boolean> {
    const changed = await this.db.run(
      sql`DELETE FROM reading_group_members WHERE group_id = ${groupId} AND user_id = ${userId}`,
    );
    return changed > 0;
  }

  async setReminderRoute(groupId: number, userId: string, route: ReminderRoute): Promise<void> {
    await this.db.run(
      sql`UPDATE reading_group_members SET remind = ${route} WHERE group_id = ${groupId} AND user_id = ${userId}`,
    );
  }

  async volunteer(groupId: number, userId: string, at: Date): Promise<void> {
    await this.db.run(sql`
      UPDATE reading_group_members SET volunteered_at = coalesce(volunteered_at, ${at.toISOString()})
        WHERE group_id = ${groupId} AND user_id = ${userId}`);
  }

  async organisers(groupId: number): Promise<readonly string[]> {
    const rows = await this.db.rows<{ user_id: string }>(
      sql`SELECT user_id FROM reading_group_organisers WHERE group_id = ${groupId} ORDER BY seq`,
    );
    return rows.map((r) => r.user_id);
  }

  async addOrganiser(groupId: number, userId: string): Promise<boolean> {
    const changed = await this.db.run(
      sql`INSERT INTO reading_group_organisers (group_id, user_id) VALUES (${groupId}, ${userId}) ON CONFLICT DO NOTHING`,
    );
    return changed > 0;
  }

  async removeOrganiser(groupId: number, userId: string): Promise<boolean> {
    const changed = await this.db.run(
      sql`DELETE FROM reading_group_organisers WHERE group_id = ${groupId} AND user_id = ${userId}`,
    );
    return changed > 0;
  }

  async setRsvp(groupId: number, number: number, userId: string, answer: RsvpAnswer | null): Promise<void> {
    await this.db.run(
      answer === null
        ? sql`DELETE FROM reading_group_rsvps WHERE group_id = ${groupId} AND number = ${number} AND user_id = ${userId}`
        : sql`INSERT INTO reading_group_rsvps (group_id, number, user_id, answer)
                VALUES (${groupId}, ${number}, ${userId}, ${answer})
                ON CONFLICT (group_id, number, user_id) DO UPDATE SET answer = excluded.answer`,
    );
  }

  async rsvps(groupId: number, number: number): Promise<readonly Rsvp[]> {
    const rows = await this.db.rows<{ user_id: string; answer: RsvpAnswer }>(sql`
      SELECT user_id, answer FROM reading_group_rsvps WHERE group_id = ${groupId} AND number = ${number}
        ORDER BY seq`);
    return rows.map((r) => ({ userId: r.user_id, answer: r.answer }));
  }
}
