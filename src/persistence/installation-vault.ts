/**
 * Slack installations (OAuth mode) as every backend serves them: asynchronous, because on
 * PostgreSQL each call is a round trip. Rows are sealed the same way on both backends
 * (`src/secrets/seal.ts`); only the Slack adapter and `npm run secret:rotate` use this.
 */
import type { SecretKey } from '../secrets/secret-key.js';
import type { InstallationRecord, StoredInstallation } from './slack-installations-repository.js';

export interface InstallationVault {
  /** Inserts or replaces the owner's installation; `wasRevoked` when it had been removed (a reinstall). */
  save(record: InstallationRecord, now: Date): Promise<{ readonly id: string; readonly wasRevoked: boolean }>;
  find(id: string): Promise<StoredInstallation | undefined>;
  /** Marks the installation revoked; true the first time (a second removal event changes nothing). */
  revoke(id: string, now: Date): Promise<boolean>;
  isRevoked(id: string): Promise<boolean>;
  /** Re-seals every row under `next` (key rotation); how many rows. */
  reseal(next: SecretKey): Promise<number>;
}
