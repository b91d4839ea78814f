/**
 * What each role runs (`AGENDABOT_ROLE`, see the README's "Roles"):
 * - `all`: everything, as one process always did: platforms (the Discord gateway included), the
 *   scheduler, the shell when no platform is set; `/healthz` on whichever HTTP server already runs.
 * - `web`: Slack over HTTP and Discord over HTTP interactions on one server, `/healthz`; Discord
 *   through REST only; no scheduler. Deliveries a command asks for go out from here, through claims.
 * - `worker`: the scheduler (planner lease, claims) and the delivery ports; no receiver, no gateway;
 *   a server with `/healthz` only.
 */
import { startOwnFront, startSlackFront } from './fronts.js';
import type { HttpRoute, Platforms, RunningShell } from './platforms.js';
import { slackInstallations, type BaseProcess } from './process.js';

export interface Composed {
  /** Role `all` with no platform: the terminal chat, run once everything is up. */
  readonly shell?: RunningShell;
}

export type Composer = (base: BaseProcess, platforms: Platforms) => Promise<Composed>;

/** Discord with the gateway (role `all`) or REST only; its interactions route, if any, for the caller's server. */
async function startDiscord(base: BaseProcess, platforms: Platforms, gateway: boolean): Promise<HttpRoute[]> {
  const { config, core, logger, inFlight } = base;
  if (config.discord === undefined) return [];
  const discord = await platforms.discord({
    config: config.discord,
    dispatcher: core.dispatcher,
    logger,
    gateway,
    track: inFlight.track,
  });
  base.delivery.add(discord.delivery);
  base.shutdown.stops.push(() => discord.stop());
  logger.info({ interactions: config.discord.http ? 'http' : 'gateway', gateway }, 'discord adapter started');
  return discord.interactionsRoute ? [discord.interactionsRoute] : [];
}

/**
 * The scheduler, after every delivery port is added: shutdown stops its claiming first and waits for it. It (and
 * node-cron) loads only now, once the platforms answer: no request waits for it.
 */
async function startScheduler(base: BaseProcess): Promise<void> {
  const { config, core } = base;
  const crashAt = config.testCrashAt ? { crashAt: config.testCrashAt } : {};
  const { startScheduling } = await import('../scheduler.js');
  const scheduler = startScheduling(core.services, { jobs: config.jobs, ...crashAt });
  base.shutdown.finishing.push(() => scheduler.stop());
}

export const composeAll: Composer = async (base, platforms) => {
  const { config } = base;
  // Discord first, so that its HTTP interactions route can share Slack's HTTP server when there is one.
  const routes = await startDiscord(base, platforms, true);
  if (config.slack) await startSlackFront(base, platforms, routes);
  else if (routes.length > 0) await startOwnFront(base, routes);
  let shell: RunningShell | undefined;
  if (!config.slack && !config.discord) {
    shell = await platforms.shell({ dispatcher: base.core.dispatcher, timeZone: config.shellTimezone });
    // The shell's port must exist before the first sweep, which runs at once.
    base.delivery.add(shell.delivery);
  }
  await startScheduler(base);
  return shell ? { shell } : {};
};

export const composeWeb: Composer = async (base, platforms) => {
  const { config, logger } = base;
  const routes = await startDiscord(base, platforms, false);
  if (config.discord && routes.length === 0) {
    logger.warn({}, 'DISCORD_PUBLIC_KEY is unset: a web process opens no gateway, so no Discord command reaches it');
  }
  // The configuration guarantees Slack over HTTP here (a web process refuses Socket Mode).
  if (config.slack) await startSlackFront(base, platforms, routes);
  else await startOwnFront(base, routes);
  return {};
};

export const composeWorker: Composer = async (base, platforms) => {
  const { config, logger } = base;
  if (config.slack) {
    const slack = await platforms.slackDelivery({
      config: config.slack,
      logger,
      ...slackInstallations(config, base.backend),
    });
    base.delivery.add(slack.delivery);
    logger.info({ receiver: false }, 'slack delivery started');
  }
  await startDiscord(base, platforms, false);
  await startOwnFront(base, []);
  await startScheduler(base);
  return {};
};

export const COMPOSERS = { all: composeAll, web: composeWeb, worker: composeWorker } as const;
