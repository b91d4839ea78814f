/**
 * A storage backend: the stores, transactions and search of one database (SQLite or
 * PostgreSQL), behind the core's asynchronous ports. `openStorage` (in `storage.ts`)
 * picks one from the configuration; `bootCore` takes it as it is.
 */
import type { Agenda } from '../core/agenda/model.js';
import type { AgendaSearch } from '../core/agenda/search.js';
import type { Stores, UnitOfWork } from '../core/store.js';
import type { Keyring } from '../secrets/seal.js';
import type { InstallationVault } from './installation-vault.js';

export interface StorageBackend {
  readonly kind: 'sqlite' | 'postgres';
  readonly stores: Stores;
  readonly unitOfWork: UnitOfWork;
  readonly search: AgendaSearch;
  /** Indexes the agenda for search unless the stored content hash matches; true when it rebuilt. */
  ensureIndexed(agenda: Agenda, contentHash: string, now: Date): Promise<boolean>;
  /** Slack OAuth mode's installations, sealed and opened with `keys`. */
  installations(keys: Keyring): InstallationVault;
  close(): Promise<void>;
  /** One trivial query, for `GET /healthz`: resolves when the database answers, rejects when it cannot. */
  ping(): Promise<void>;
}
