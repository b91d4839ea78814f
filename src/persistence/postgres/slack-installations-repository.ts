/**
 * Slack installations (OAuth mode) on PostgreSQL, sealed exactly as on SQLite: the installation, bot token
 * included, is stored only under AES-256-GCM bound to its row id (`src/secrets/seal.ts`); the plain columns hold
 * what is safe to read without the key. InstallationRow shapes and behaviour follow `../slack-installations-repository.ts`.
 */
import type { SecretKey } from '../../secrets/secret-key.js';
import { seal, type Keyring } from '../../secrets/seal.js';
import {
  installationId,
  openInstallationRow,
  unsealInstallationRow,
  type InstallationRecord,
  type InstallationRow,
  type StoredInstallation,
} from '../slack-installations-repository.js';
import type { Executor } from './connection.js';
import { sql } from './sql.js';
import type { InstallationVault } from '../installation-vault.js';

export class PostgresSlackInstallations implements InstallationVault {
  constructor(
    private readonly db: Executor,
    private readonly keys: Keyring,
  ) {}

  /** Inserts or replaces the owner's installation. True when it had been revoked (a reinstall). */
  async save(record: InstallationRecord, now: Date): Promise<{ readonly id: string; readonly wasRevoked: boolean }> {
    const id = installationId(record);
    const s = seal(this.keys.current, record.installation, id);
    const at = now.toISOString();
    return this.db.transaction(async (tx) => {
      // FOR UPDATE: two processes storing the same workspace's install at once agree on "was it revoked".
      const before = await tx.row<{ revoked_at: string | null }>(
        sql`SELECT revoked_at FROM slack_installations WHERE id = ${id} FOR UPDATE`,
      );
      await tx.run(sql`
        INSERT INTO slack_installations (id, team_id, enterprise_id, is_enterprise_install, bot_id, bot_user_id,
            installer_user_id, scopes, key_id, iv, tag, sealed, installed_at, updated_at, revoked_at)
          VALUES (${id}, ${record.teamId ?? null}, ${record.enterpriseId ?? null}, ${record.isEnterpriseInstall ? 1 : 0},
            ${record.botId ?? null}, ${record.botUserId ?? null}, ${record.installerUserId ?? null},
            ${record.scopes.join(',')}, ${s.keyId}, ${s.iv}, ${s.tag}, ${s.sealed}, ${at}, ${at}, NULL)
          ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
            is_enterprise_install = excluded.is_enterprise_install, bot_id = excluded.bot_id,
            bot_user_id = excluded.bot_user_id, installer_user_id = excluded.installer_user_id,
            scopes = excluded.scopes, key_id = excluded.key_id, iv = excluded.iv, tag = excluded.tag,
            sealed = excluded.sealed, updated_at = excluded.updated_at, revoked_at = NULL`);
      return { id, wasRevoked: before?.revoked_at != null };
    });
  }

  /** The installation (opened), revoked or not; undefined when there is none. */
  async find(id: string): Promise<StoredInstallation | undefined> {
    const row = await this.db.row<InstallationRow>(sql`SELECT * FROM slack_installations WHERE id = ${id}`);
    return row === undefined ? undefined : openInstallationRow(this.keys, row);
  }

  /** Marks the installation revoked. True only the first time. */
  async revoke(id: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const changed = await this.db.run(sql`
      UPDATE slack_installations SET revoked_at = ${at}, updated_at = ${at} WHERE id = ${id} AND revoked_at IS NULL`);
    return changed > 0;
  }

  async isRevoked(id: string): Promise<boolean> {
    const row = await this.db.row<{ revoked_at: string | null }>(
      sql`SELECT revoked_at FROM slack_installations WHERE id = ${id}`,
    );
    return row?.revoked_at != null;
  }

  /** Re-seals every row under `next` (key rotation) in one transaction; how many rows were rewritten. */
  async reseal(next: SecretKey): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.rows<InstallationRow>(
        sql`SELECT * FROM slack_installations WHERE key_id <> ${next.id} FOR UPDATE`,
      );
      for (const row of rows) {
        const s = seal(next, unsealInstallationRow(this.keys, row), row.id);
        await tx.run(sql`UPDATE slack_installations SET key_id = ${s.keyId}, iv = ${s.iv}, tag = ${s.tag},
                           sealed = ${s.sealed} WHERE id = ${row.id}`);
      }
      return rows.length;
    });
  }
}
