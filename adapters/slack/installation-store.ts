/**
 * Bolt's `InstallationStore` over the bot's own database (OAuth mode). Bolt calls
 * `fetchInstallation` for every request to find the workspace's bot token: a workspace
 * that never installed the app, or removed it, is refused here with one clear log line
 * (Bolt then acknowledges the request empty, so nothing leaks into the reply).
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { InstallationVault } from '../../src/persistence/installation-vault.js';
import { installationId } from '../../src/persistence/slack-installations-repository.js';

/** Told when a workspace installs the app; a reinstall after a removal is flagged. */
export type OnInstalled = (teamId: string, reinstall: boolean) => Promise<void> | void;

export class DatabaseInstallationStore implements InstallationStore {
  constructor(
    private readonly installations: InstallationVault,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly onInstalled: OnInstalled,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const owner = {
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      ...(installation.team?.id !== undefined ? { teamId: installation.team.id } : {}),
      ...(installation.enterprise?.id !== undefined ? { enterpriseId: installation.enterprise.id } : {}),
    };
    const { id, wasRevoked } = await this.installations.save(
      {
        ...owner,
        scopes: installation.bot?.scopes ?? [],
        installation: JSON.stringify(installation),
        ...(installation.bot?.id !== undefined ? { botId: installation.bot.id } : {}),
        ...(installation.bot?.userId !== undefined ? { botUserId: installation.bot.userId } : {}),
        ...(installation.user.id ? { installerUserId: installation.user.id } : {}),
      },
      this.now(),
    );
    this.logger.info({ installation: id, reinstall: wasRevoked }, 'slack app installed');
    // Awaited: Bolt shows the success page after this, and the page tells what the reinstall resumed.
    if (owner.teamId !== undefined) await this.onInstalled(owner.teamId, wasRevoked);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const id = installationId({
      isEnterpriseInstall: query.isEnterpriseInstall,
      ...(query.teamId !== undefined ? { teamId: query.teamId } : {}),
      ...(query.enterpriseId !== undefined ? { enterpriseId: query.enterpriseId } : {}),
    });
    const stored = await this.installations.find(id);
    if (stored === undefined) {
      this.logger.warn({ installation: id }, 'refused a request from a Slack workspace that has not installed the app');
      throw new Error(`No installation for ${id}`);
    }
    if (stored.revokedAt !== undefined) {
      this.logger.warn({ installation: id }, 'refused a request from a Slack workspace that removed the app');
      throw new Error(`The installation for ${id} was revoked`);
    }
    return JSON.parse(stored.installation) as Installation;
  }

  /** Bolt never calls this; a removal only marks the row revoked (see `uninstall.ts`). */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const id = installationId({
      isEnterpriseInstall: query.isEnterpriseInstall,
      ...(query.teamId !== undefined ? { teamId: query.teamId } : {}),
      ...(query.enterpriseId !== undefined ? { enterpriseId: query.enterpriseId } : {}),
    });
    await this.installations.revoke(id, this.now());
  }
}
