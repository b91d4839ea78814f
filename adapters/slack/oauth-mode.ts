/**
 * Wires OAuth mode together: the installation store, the per-workspace clients the
 * delivery port posts with, the install pages, the removal events, and resuming a
 * workspace's paused work when it installs the app again.
 */
import type { CustomRoute, webApi } from '@slack/bolt';
import type { SlackConfig, SlackOAuthConfig } from '../../src/config.js';
import type { Services } from '../../src/core/services.js';
import { resumeTenant } from '../../src/core/tenants/suspension.js';
import type { Logger } from '../../src/log.js';
import type { InstallationVault } from '../../src/persistence/installation-vault.js';
import { deliveryClientOptions, webClientOptions, type BuiltApp } from './app.js';
import { DEFAULT_POSTS_PER_SECOND, SlackDeliveryPort } from './delivery-port.js';
import { DatabaseInstallationStore } from './installation-store.js';
import { buildOAuthApp } from './oauth-app.js';
import { installPages, type ResumedCounts } from './oauth-pages.js';
import { registerUninstall } from './uninstall.js';
import { InstalledWorkspaceClients } from './workspace-clients.js';

export interface OAuthMode {
  readonly built: BuiltApp;
  /** Scheduled posts: each workspace's retry-free client, at the configured pace (as in single-token mode). */
  readonly delivery: SlackDeliveryPort;
  /** The Home tab's clients, which retry as Bolt's own do (a Home tab publish is not an outbox delivery). */
  readonly homeClients: InstalledWorkspaceClients;
}

export function oauthMode(
  config: SlackConfig,
  oauth: SlackOAuthConfig,
  deps: {
    readonly installations: InstallationVault;
    readonly services: Services;
    readonly logger: Logger;
    readonly retryConfig?: webApi.RetryOptions | undefined;
    readonly customRoutes: CustomRoute[];
  },
): OAuthMode {
  const { installations, services, logger } = deps;
  const deliveryClients = new InstalledWorkspaceClients(installations, () => deliveryClientOptions(config, logger));
  const homeClients = new InstalledWorkspaceClients(installations, () =>
    webClientOptions(config, logger, deps.retryConfig),
  );
  // Each workspace's cached clients go when its token changes or is revoked.
  const forget = (teamId: string): void => {
    deliveryClients.forget(teamId);
    homeClients.forget(teamId);
  };
  const resumed = new Map<string, ResumedCounts>();
  const store = new DatabaseInstallationStore(
    installations,
    logger,
    () => services.clock.now(),
    async (teamId, reinstall) => {
      // A new token replaces any cached client; a reinstall brings back what the removal paused.
      forget(teamId);
      if (reinstall) resumed.set(teamId, await resumeTenant(services, 'slack', teamId));
    },
  );
  const pages = installPages(logger, (teamId) => {
    const counts = resumed.get(teamId);
    resumed.delete(teamId);
    return counts;
  });
  const built = buildOAuthApp(config, oauth, logger, {
    installationStore: store,
    pages,
    customRoutes: deps.customRoutes,
    ...(deps.retryConfig !== undefined ? { retryConfig: deps.retryConfig } : {}),
  });
  registerUninstall(built.app, { installations, services, logger, forget });
  const postsPerSecond = config.postsPerSecond ?? DEFAULT_POSTS_PER_SECOND;
  return { built, delivery: new SlackDeliveryPort({ clients: deliveryClients, postsPerSecond }), homeClients };
}
