/**
 * Slack installations (OAuth mode), one row per workspace or org-wide Enterprise Grid
 * install (migration 8). The installation itself, bot token included, is stored only
 * sealed (AES-256-GCM, `src/secrets/seal.ts`); the plain columns hold what is safe to
 * read without the key (ids, scopes, times). A reinstall replaces the row and clears
 * `revoked_at`.
 */
import type { Db } from './db.js';
import { statementCache } from './statement-cache.js';
import type { SecretKey } from '../secrets/secret-key.js';
import { seal, unseal, type Keyring } from '../secrets/seal.js';

/** Where an installation belongs: a workspace, or an organisation for an org-wide install. */
export interface InstallationOwner {
  readonly teamId?: string;
  readonly enterpriseId?: string;
  readonly isEnterpriseInstall: boolean;
}

export interface InstallationRecord extends InstallationOwner {
  readonly botId?: string;
  readonly botUserId?: string;
  readonly installerUserId?: string;
  readonly scopes: readonly string[];
  /** The platform's whole installation as JSON; sealed at rest. */
  readonly installation: string;
}

export interface StoredInstallation extends InstallationRecord {
  readonly id: string;
  readonly revokedAt?: Date;
}

/** The row id: `enterprise:<id>` for an org-wide install, else `team:<id>`. */
export function installationId(owner: InstallationOwner): string {
  if (owner.isEnterpriseInstall && owner.enterpriseId) return `enterprise:${owner.enterpriseId}`;
  if (owner.teamId) return `team:${owner.teamId}`;
  throw new Error('An installation names neither a workspace nor an org-wide enterprise.');
}

/** A `slack_installations` row as both backends return it. */
export interface InstallationRow {
  id: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  bot_id: string | null;
  bot_user_id: string | null;
  installer_user_id: string | null;
  scopes: string;
  key_id: string;
  iv: Buffer;
  tag: Buffer;
  sealed: Buffer;
  revoked_at: string | null;
}

export class SlackInstallationsRepository {
  readonly #prepare: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: Db,
    private readonly keys: Keyring,
  ) {
    this.#prepare = statementCache(db);
  }

  /** Inserts or replaces the owner's installation. True when it had been revoked (a reinstall). */
  save(record: InstallationRecord, now: Date): { readonly id: string; readonly wasRevoked: boolean } {
    const id = installationId(record);
    const sealed = seal(this.keys.current, record.installation, id);
    return this.db.transaction(() => {
      const before = this.#prepare('SELECT revoked_at FROM slack_installations WHERE id = ?').get(id) as
        { revoked_at: string | null } | undefined;
      this.#prepare(
        `INSERT INTO slack_installations (id, team_id, enterprise_id, is_enterprise_install, bot_id, bot_user_id,
           installer_user_id, scopes, key_id, iv, tag, sealed, installed_at, updated_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
           is_enterprise_install = excluded.is_enterprise_install, bot_id = excluded.bot_id,
           bot_user_id = excluded.bot_user_id, installer_user_id = excluded.installer_user_id,
           scopes = excluded.scopes, key_id = excluded.key_id, iv = excluded.iv, tag = excluded.tag,
           sealed = excluded.sealed, updated_at = excluded.updated_at, revoked_at = NULL`,
      ).run(
        id,
        record.teamId ?? null,
        record.enterpriseId ?? null,
        record.isEnterpriseInstall ? 1 : 0,
        record.botId ?? null,
        record.botUserId ?? null,
        record.installerUserId ?? null,
        record.scopes.join(','),
        sealed.keyId,
        sealed.iv,
        sealed.tag,
        sealed.sealed,
        now.toISOString(),
        now.toISOString(),
      );
      return { id, wasRevoked: before?.revoked_at != null };
    })();
  }

  /** The installation (opened), revoked or not; undefined when there is none. */
  find(id: string): StoredInstallation | undefined {
    const row = this.#prepare('SELECT * FROM slack_installations WHERE id = ?').get(id) as InstallationRow | undefined;
    return row === undefined ? undefined : openInstallationRow(this.keys, row);
  }

  /** Marks the installation revoked. True only the first time (the two revoke events may both arrive, twice). */
  revoke(id: string, now: Date): boolean {
    return (
      this.#prepare(
        'UPDATE slack_installations SET revoked_at = ?, updated_at = ? WHERE id = ? AND revoked_at IS NULL',
      ).run(now.toISOString(), now.toISOString(), id).changes > 0
    );
  }

  isRevoked(id: string): boolean {
    const row = this.#prepare('SELECT revoked_at FROM slack_installations WHERE id = ?').get(id) as
      { revoked_at: string | null } | undefined;
    return row?.revoked_at != null;
  }

  /**
   * Re-seals every row under `next` (key rotation), in one transaction: rows are opened
   * with whichever key of the keyring sealed them. Returns how many rows were rewritten.
   */
  reseal(next: SecretKey): number {
    return this.db.transaction(() => {
      const rows = this.#prepare('SELECT * FROM slack_installations WHERE key_id <> ?').all(
        next.id,
      ) as InstallationRow[];
      for (const row of rows) {
        const sealed = seal(next, unsealInstallationRow(this.keys, row), row.id);
        this.#prepare('UPDATE slack_installations SET key_id = ?, iv = ?, tag = ?, sealed = ? WHERE id = ?').run(
          sealed.keyId,
          sealed.iv,
          sealed.tag,
          sealed.sealed,
          row.id,
        );
      }
      return rows.length;
    })();
  }
}

/** Opens a row's sealed installation with whichever key of `keys` sealed it (both backends store the same row). */
export function unsealInstallationRow(keys: Keyring, row: InstallationRow): string {
  const key = keys.keyFor(row.key_id);
  if (key === undefined) {
    throw new Error(
      `Slack installation ${row.id} is sealed with key ${row.key_id}, which is neither ` +
        'AGENDABOT_SECRET_KEY nor AGENDABOT_PREVIOUS_SECRET_KEY.',
    );
  }
  return unseal(key, { keyId: row.key_id, iv: row.iv, tag: row.tag, sealed: row.sealed }, row.id);
}

export function openInstallationRow(keys: Keyring, row: InstallationRow): StoredInstallation {
  return {
    id: row.id,
    isEnterpriseInstall: row.is_enterprise_install === 1,
    scopes: row.scopes === '' ? [] : row.scopes.split(','),
    installation: unsealInstallationRow(keys, row),
    ...(row.team_id !== null ? { teamId: row.team_id } : {}),
    ...(row.enterprise_id !== null ? { enterpriseId: row.enterprise_id } : {}),
    ...(row.bot_id !== null ? { botId: row.bot_id } : {}),
    ...(row.bot_user_id !== null ? { botUserId: row.bot_user_id } : {}),
    ...(row.installer_user_id !== null ? { installerUserId: row.installer_user_id } : {}),
    ...(row.revoked_at !== null ? { revokedAt: new Date(row.revoked_at) } : {}),
  };
}
