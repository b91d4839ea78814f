/**
 * The one HTTP server a process answers on, with `GET /healthz` beside its other routes:
 * Slack's Bolt receiver when Slack runs over HTTP (Discord's interactions route mounted on
 * it), or a small server of its own otherwise. Either way it is guarded for the drain
 * (`http.ts`) and closed last among the adapters.
 */
import { calendarFeed } from '../core/features/calendar/export.js';
import { HEALTH_PATH } from './health.js';
import { closeServer, guardServer, serveRoutes } from './http.js';
import type { HttpRoute, Platforms, RunningSlackApp } from './platforms.js';
import { slackInstallations, type BaseProcess } from './process.js';

function healthRoute(base: BaseProcess): HttpRoute {
  return { path: HEALTH_PATH, method: 'GET', handler: base.health.handler };
}

/** Slack's app (HTTP or Socket Mode), with `routes` and health on its server in HTTP mode. */
export async function startSlackFront(
  base: BaseProcess,
  platforms: Platforms,
  routes: readonly HttpRoute[],
): Promise<RunningSlackApp> {
  const { config, core, logger, inFlight, shutdown } = base;
  const slackConfig = config.slack;
  if (slackConfig === undefined) throw new Error('startSlackFront needs the Slack settings');
  const slack = await platforms.slackApp({
    config: slackConfig,
    dispatcher: core.dispatcher,
    logger,
    ...(slackConfig.host !== undefined ? { host: slackConfig.host } : {}),
    calendarFeed: (token) => calendarFeed(core.services, token),
    ...slackInstallations(config, base.backend),
    routes: [...routes, healthRoute(base)],
    track: inFlight.track,
  });
  base.delivery.add(slack.delivery);
  const { server } = slack;
  if (server) guardServer(server, base.health, inFlight);
  shutdown.stops.push(async () => {
    const stopped = slack.stop();
    // Bolt's stop waits for every open connection; after the drain none is worth waiting for.
    server?.closeAllConnections();
    await stopped;
  });
  logger.info({ mode: slack.mode, port: slack.port }, 'slack adapter started');
  return slack;
}

/** A server of the process's own at `PORT` (`HOST`): `routes` and `GET /healthz`. */
export async function startOwnFront(base: BaseProcess, routes: readonly HttpRoute[]): Promise<number> {
  const { run } = base.config;
  const all = [...routes, healthRoute(base)];
  const { server, port } = await serveRoutes(all, {
    port: run.port,
    ...(run.host !== undefined ? { host: run.host } : {}),
  });
  guardServer(server, base.health, base.inFlight);
  base.shutdown.stops.push(() => closeServer(server));
  base.logger.info({ port, paths: all.map((r) => r.path) }, 'http server listening');
  return port;
}
