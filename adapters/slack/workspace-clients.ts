/**
 * Which WebClient posts for which workspace. Single-token mode has one client for its
 * one workspace; OAuth mode has one per installed workspace, made from its stored
 * installation on first use, cached, and dropped when the workspace removes the app.
 * A revoked or unknown workspace gets no client at all, so no call is ever made with a
 * revoked token.
 */
import { webApi } from '@slack/bolt';
import { FOREIGN_TENANT } from '../../src/core/ports.js';
import type { InstallationVault } from '../../src/persistence/installation-vault.js';
import type { StoredInstallation } from '../../src/persistence/slack-installations-repository.js';
import { slackDeliveryError, slackErrorCode } from './slack-errors.js';

type WebClient = webApi.WebClient;

/** The error code for a workspace whose installation was revoked (the app was removed). */
export const APP_REMOVED = 'app_uninstalled';

export interface WorkspaceClients {
  /** The workspace's client; throws a `DeliveryError` for a workspace this app may not post to. */
  clientFor(teamId: string): Promise<WebClient>;
  /** Users who may manage any channel of the workspace, besides its admins and owners. */
  adminUserIds(teamId: string): Promise<readonly string[]>;
  /** Forgets the workspace's client (after a revoke). */
  forget(teamId: string): void;
  /**
   * After `stale` was refused: the workspace's client from its stored installation read again, if that holds
   * another token (another process answered a reinstall); otherwise undefined, and the refusal stands.
   */
  replaced(teamId: string, stale: WebClient): Promise<WebClient | undefined>;
}

/** Refusals of the token itself: after a reinstall elsewhere, the old token is refused with one of these. */
const STALE_TOKEN_CODES: ReadonlySet<string> = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
]);

/**
 * Runs `call` with the workspace's client. A token refused as revoked or invalid may be one another process replaced
 * (a reinstall answered there): the stored installation is read again, and the call made once more only if it holds
 * another token. Nothing was done with the refused token, so the second call doubles nothing.
 */
export async function withWorkspaceClient<T>(
  clients: WorkspaceClients,
  teamId: string,
  call: (client: WebClient) => Promise<T>,
): Promise<T> {
  const client = await clients.clientFor(teamId);
  try {
    return await call(client);
  } catch (error) {
    const fresh = STALE_TOKEN_CODES.has(slackErrorCode(error)) ? await clients.replaced(teamId, client) : undefined;
    if (fresh === undefined) throw error;
    return await call(fresh);
  }
}

/** Single-token mode: one workspace, one client. */
export class SingleWorkspaceClient implements WorkspaceClients {
  constructor(
    private readonly client: WebClient,
    private readonly teamId: string,
    private readonly admins: readonly string[],
  ) {}

  async clientFor(teamId: string): Promise<WebClient> {
    if (teamId !== this.teamId) {
      throw slackDeliveryError(FOREIGN_TENANT, `This Slack app serves workspace ${this.teamId}, not ${teamId}`);
    }
    return this.client;
  }

  async adminUserIds(): Promise<readonly string[]> {
    return this.admins;
  }

  forget(): void {}

  /** One configured token: nothing to read again. */
  async replaced(): Promise<WebClient | undefined> {
    return undefined;
  }
}

interface Cached {
  readonly client: WebClient;
  readonly installerUserId: string | undefined;
}

/** OAuth mode: a client per installed workspace, with its own bot token. */
export class InstalledWorkspaceClients implements WorkspaceClients {
  readonly #cache = new Map<string, Cached>();
  /**
   * Counts `forget` calls per workspace. Reading an installation is a round trip now (PostgreSQL);
   * a read that started before a removal must not put the old token back into the cache after it.
   */
  readonly #forgotten = new Map<string, number>();

  constructor(
    private readonly installations: InstallationVault,
    private readonly clientOptions: () => webApi.WebClientOptions,
  ) {}

  async clientFor(teamId: string): Promise<WebClient> {
    return (await this.#entry(teamId)).client;
  }

  /** The person who installed the app is an admin of its bot in that workspace. */
  async adminUserIds(teamId: string): Promise<readonly string[]> {
    const installer = (await this.#entry(teamId)).installerUserId;
    return installer === undefined ? [] : [installer];
  }

  forget(teamId: string): void {
    this.#cache.delete(teamId);
    this.#forgotten.set(teamId, (this.#forgotten.get(teamId) ?? 0) + 1);
  }

  async replaced(teamId: string, stale: WebClient): Promise<WebClient | undefined> {
    // Only the refused client is dropped: one another call already replaced stays.
    if (this.#cache.get(teamId)?.client === stale) this.#cache.delete(teamId);
    const fresh = await this.clientFor(teamId);
    return fresh.token !== undefined && fresh.token !== stale.token ? fresh : undefined;
  }

  async #entry(teamId: string): Promise<Cached> {
    const cached = this.#cache.get(teamId);
    if (cached) return cached;
    let generation: number;
    let stored: StoredInstallation | undefined;
    do {
      // Read again if a removal or reinstall forgot the workspace meanwhile: the row read may be stale.
      generation = this.#forgotten.get(teamId) ?? 0;
      stored = await this.installations.find(`team:${teamId}`);
    } while ((this.#forgotten.get(teamId) ?? 0) !== generation);
    if (stored === undefined)
      throw slackDeliveryError(FOREIGN_TENANT, `Workspace ${teamId} has not installed this Slack app`);
    if (stored.revokedAt !== undefined)
      throw slackDeliveryError(APP_REMOVED, `Workspace ${teamId} removed this Slack app`);
    const token = (JSON.parse(stored.installation) as { bot?: { token?: string } }).bot?.token;
    if (!token) throw slackDeliveryError(FOREIGN_TENANT, `Workspace ${teamId}'s installation has no bot token`);
    const entry = {
      client: new webApi.WebClient(token, this.clientOptions()),
      installerUserId: stored.installerUserId,
    };
    this.#cache.set(teamId, entry);
    return entry;
  }
}
