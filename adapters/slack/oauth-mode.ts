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
import type { SlackInstallationsRepository } from '../../src/persistence/slack-installations-repository.js';
import { webClientOptions, type BuiltApp } from './app.js';
import { SlackDeliveryPort } from './delivery-port.js';
import { SqliteInstallationStore } from './installation-store.js';
import { buildOAuthApp } from './oauth-app.js';
import { installPages, type ResumedCounts } from './oauth-pages.js';
import { registerUninstall } from './uninstall.js';
import { InstalledWorkspaceClients } from './workspace-clients.js';

export interface OAuthMode {
  readonly built: BuiltApp;
  readonly delivery: SlackDeliveryPort;
  readonly clients: InstalledWorkspaceClients;
}

export function oauthMode(
  config: SlackConfig,
  oauth: SlackOAuthConfig,
  deps: {
    readonly installations: SlackInstallationsRepository;
    readonly services: Services;
    readonly logger: Logger;
    readonly retryConfig?: webApi.RetryOptions | undefined;
    readonly customRoutes: CustomRoute[];
  },
): OAuthMode {
  const { installations, services, logger } = deps;
  const clients = new InstalledWorkspaceClients(installations, () =>
    webClientOptions(config, logger, deps.retryConfig),
  );
  const resumed = new Map<string, ResumedCounts>();
  const store = new SqliteInstallationStore(
    installations,
    logger,
    () => services.clock.now(),
    (teamId, reinstall) => {
      // A new token replaces any cached client; a reinstall brings back what the removal paused.
      clients.forget(teamId);
      if (reinstall) resumed.set(teamId, resumeTenant(services, 'slack', teamId));
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
  registerUninstall(built.app, { installations, services, logger, forget: (teamId) => clients.forget(teamId) });
  return { built, delivery: new SlackDeliveryPort({ clients }), clients };
}
