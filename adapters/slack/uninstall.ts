/**
 * A workspace removes the app: Slack sends `app_uninstalled` and `tokens_revoked`, in no
 * guaranteed order, each possibly more than once. Bolt skips authorisation for both and
 * never deletes an installation itself, so this handler does the work, idempotently:
 * mark the installation revoked, drop the workspace's cached client, cancel its pending
 * posts and pause its subscriptions and reading groups (`suspendTenant`).
 */
import type { App } from '@slack/bolt';
import type { Services } from '../../src/core/services.js';
import { suspendTenant } from '../../src/core/tenants/suspension.js';
import type { Logger } from '../../src/log.js';
import type { InstallationVault } from '../../src/persistence/installation-vault.js';

export interface UninstallOptions {
  readonly installations: InstallationVault;
  readonly services: Services;
  readonly logger: Logger;
  /** Drops the workspace's cached WebClient. */
  readonly forget: (teamId: string) => void;
}

interface Envelope {
  readonly team_id?: string;
  readonly enterprise_id?: string;
  readonly is_enterprise_install?: boolean;
}

export function registerUninstall(app: App, options: UninstallOptions): void {
  const removed = async (body: Envelope, why: string): Promise<void> => {
    const { services, logger } = options;
    const now = services.clock.now();
    if (body.is_enterprise_install === true && body.enterprise_id !== undefined) {
      await options.installations.revoke(`enterprise:${body.enterprise_id}`, now);
    }
    const teamId = body.team_id;
    if (teamId === undefined) return;
    // Revoke first: from here on no client is made for the workspace, whatever else happens.
    const first = await options.installations.revoke(`team:${teamId}`, now);
    options.forget(teamId);
    const counts = await suspendTenant(services, 'slack', teamId);
    logger.info({ tenantId: teamId, event: why, first, ...counts }, 'slack app removed from a workspace');
  };

  app.event('app_uninstalled', async ({ body }) => {
    await removed(body, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters: a user token revoked alone leaves the bot installed.
    if ((event.tokens.bot ?? []).length === 0) return;
    await removed(body, 'tokens_revoked');
  });
}
