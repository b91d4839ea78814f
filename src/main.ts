/**
 * The composition root: configuration, logger, database, core, adapters. With no
 * Slack or Discord token it opens the shell chat on the terminal. Everything that
 * starts here is stopped here, in reverse order, on SIGINT/SIGTERM or when the
 * shell's input ends.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { userInfo } from 'node:os';
import { bootCore } from './boot.js';
import { calendarFeedBaseUrl, ConfigError, loadConfig, processEnvironment, type Config } from './config.js';
import { calendarFeed } from './core/features/calendar/export.js';
import { AgendaValidationError } from './core/agenda/load.js';
import { systemClock } from './core/clock.js';
import { DeliveryPorts } from './core/ports.js';
import { staleRuntimeZoneData } from './core/time/tzdata.js';
import { createLogger, type Logger } from './log.js';
import type { StorageBackend } from './persistence/backend.js';
import { openStorage } from './persistence/storage.js';
import type { InstallationVault } from './persistence/installation-vault.js';
import { Keyring } from './secrets/seal.js';
import { watchAgenda } from './agenda-file/watch-agenda.js';
import { startScheduling } from './scheduler.js';

type Stop = () => Promise<void> | void;

/** A route one adapter hands to another's HTTP server (typed here so neither imports the other). */
type CustomRouteLike = {
  readonly path: string;
  readonly method: 'POST';
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
};

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const staleZones = staleRuntimeZoneData(process.versions.tz);
  if (staleZones) logger.warn({ runtimeTz: process.versions.tz }, staleZones);
  const stops: Stop[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop();
  };

  const backend = await openStorage(config, {
    onMigrated: (applied, version) => logger.info({ applied, version }, 'database ready'),
    logger,
  });
  logger.info({ storage: backend.kind }, 'storage open');
  stops.push(() => backend.close());

  const delivery = new DeliveryPorts();
  const core = await bootCoreOrExit(config, backend, delivery, logger);
  // Picks up an edited or imported agenda file (or SIGHUP) without a restart.
  const agendaWatch = watchAgenda({ path: config.agendaPath, holder: core.agenda, backend, logger });
  stops.push(() => agendaWatch.stop());

  const shell = await startAdapters(config, backend, core, delivery, logger, stops);

  const crashAt = config.testCrashAt ? { crashAt: config.testCrashAt } : {};
  const scheduler = startScheduling(core.services, { jobs: config.jobs, ...crashAt });
  stops.push(() => scheduler.stop());

  const onSignal = (signal: string) => () => {
    logger.info({ signal }, 'shutting down');
    void stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal('SIGINT'));
  process.once('SIGTERM', onSignal('SIGTERM'));

  if (shell) {
    await shell.session.run();
    await stopAll();
  }
}

type Core = Awaited<ReturnType<typeof bootCoreOrExit>>;

/**
 * Starts each configured platform adapter, or the shell when none is. Each adapter is loaded
 * only when configured: Bolt and discord.js are large to load. The shell's port must exist
 * before the first sweep, which runs at once.
 */
async function startAdapters(
  config: Config,
  backend: StorageBackend,
  core: Core,
  delivery: DeliveryPorts,
  logger: Logger,
  stops: Stop[],
) {
  const { dispatcher } = core;
  // Discord first, so that its HTTP interactions route can share Slack's HTTP server when there is one.
  const slackServesHttp = config.slack !== undefined && config.slack.appToken === undefined;
  let discordRoutes: CustomRouteLike[] = [];
  if (config.discord) {
    const { startDiscord } = await import('../adapters/discord/index.js');
    const discord = await startDiscord({
      config: config.discord,
      dispatcher,
      logger,
      shareHttpServer: slackServesHttp,
    });
    delivery.add(discord.delivery);
    stops.push(() => discord.stop());
    discordRoutes = discord.interactionsRoute ? [discord.interactionsRoute] : [];
    logger.info({ interactions: config.discord.http ? 'http' : 'gateway' }, 'discord adapter started');
  }
  if (config.slack) {
    const { startSlack } = await import('../adapters/slack/index.js');
    const host = config.slack.host !== undefined ? { host: config.slack.host } : {};
    const feed = (token: string) => calendarFeed(core.services, token);
    const installations = slackInstallations(config, backend);
    const slack = await startSlack({
      config: config.slack,
      dispatcher,
      logger,
      ...host,
      calendarFeed: feed,
      ...installations,
      routes: discordRoutes,
    });
    delivery.add(slack.delivery);
    stops.push(() => slack.stop());
    logger.info({ mode: slack.mode, port: slack.port }, 'slack adapter started');
  }
  if (config.slack || config.discord) return undefined;
  const { createShell } = await import('../adapters/shell/index.js');
  const shell = createShell({
    dispatcher,
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    userName: userInfo().username,
    timeZone: config.shellTimezone,
  });
  delivery.add(shell.delivery);
  return shell;
}

/** OAuth mode's store of installations, opened with the configured key (and the previous one, during a rotation). */
function slackInstallations(config: Config, backend: StorageBackend): { installations?: InstallationVault } {
  const oauth = config.slack?.oauth;
  if (oauth === undefined) return {};
  return { installations: backend.installations(new Keyring(oauth.secretKey, oauth.previousSecretKey)) };
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig(processEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
    process.exit(1);
  }
}

async function bootCoreOrExit(config: Config, backend: StorageBackend, delivery: DeliveryPorts, logger: Logger) {
  try {
    return await bootCore({
      agendaPath: config.agendaPath,
      backend,
      clock: systemClock,
      logger,
      delivery,
      settings: {
        defaultTimezone: config.defaultTimezone,
        digestCatchupHours: config.digestCatchupHours,
        ...feedSetting(config, logger),
      },
      reminderHours: config.reminderHours,
    });
  } catch (error) {
    if (!(error instanceof AgendaValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Calendar feeds are served only by the Slack HTTP receiver; a base URL set for nothing is said once. */
function feedSetting(config: Config, logger: Logger): { calendarFeedBaseUrl?: string } {
  const base = calendarFeedBaseUrl(config);
  if (base === undefined && config.publicBaseUrl !== undefined) {
    logger.warn({}, 'PUBLIC_BASE_URL is set, but calendar feeds are served only when Slack runs in HTTP mode');
  }
  return base === undefined ? {} : { calendarFeedBaseUrl: base };
}

main().catch((error: unknown) => {
  // Last resort before exiting: one line, no stack in the chat (stderr only).
  process.stderr.write(`agendabot stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
