/**
 * Slack for a worker process: only the delivery port scheduled posts go out through, with no
 * Bolt app and no receiver (a worker answers nothing). Single-token mode checks its token
 * first; OAuth mode makes each workspace's client from its stored installation on first use.
 */
import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import type { DeliveryPort } from '../../src/core/ports.js';
import type { Logger } from '../../src/log.js';
import type { InstallationVault } from '../../src/persistence/installation-vault.js';
import { deliveryClientOptions, webClientOptions } from './app.js';
import { checkBotToken } from './bot-token.js';
import { DEFAULT_POSTS_PER_SECOND, SlackDeliveryPort } from './delivery-port.js';
import { InstalledWorkspaceClients } from './workspace-clients.js';

export interface StartSlackDeliveryOptions {
  readonly config: SlackConfig;
  readonly logger: Logger;
  /** OAuth mode (`config.oauth`): the stored installations, sealed with the configured key. */
  readonly installations?: InstallationVault;
}

export async function startSlackDelivery(options: StartSlackDeliveryOptions): Promise<{ delivery: DeliveryPort }> {
  const { config } = options;
  const logger = options.logger.child({ platform: 'slack' });
  const postsPerSecond = config.postsPerSecond ?? DEFAULT_POSTS_PER_SECOND;
  if (config.oauth !== undefined) {
    if (options.installations === undefined) throw new Error('Slack OAuth mode needs the installation store.');
    // A token another process replaced (a reinstall) is read again once the cached one is refused (SlackDeliveryPort).
    const clients = new InstalledWorkspaceClients(options.installations, () => deliveryClientOptions(config, logger));
    return { delivery: new SlackDeliveryPort({ clients, postsPerSecond }) };
  }
  const identity = await checkBotToken(new webApi.WebClient(config.botToken, webClientOptions(config, logger)));
  const client = new webApi.WebClient(config.botToken, deliveryClientOptions(config, logger));
  const delivery = new SlackDeliveryPort({
    client,
    teamId: identity.teamId,
    adminUserIds: config.adminUserIds,
    postsPerSecond,
  });
  logger.debug({ teamId: identity.teamId }, 'slack delivery ready');
  return { delivery };
}
