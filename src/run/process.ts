/**
 * What every role starts with: the database, the core, the agenda watch, health and the
 * shutdown plan. Each role (`role-*.ts`) adds its platforms, servers and scheduler to it.
 */
import { bootCore, type Core } from '../boot.js';
import { calendarFeedBaseUrl, type Config } from '../config.js';
import { AgendaValidationError } from '../core/agenda/load.js';
import { systemClock } from '../core/clock.js';
import { DeliveryPorts } from '../core/ports.js';
import type { Logger } from '../log.js';
import type { StorageBackend } from '../persistence/backend.js';
import type { InstallationVault } from '../persistence/installation-vault.js';
import { openStorage } from '../persistence/storage.js';
import { Keyring } from '../secrets/seal.js';
import { watchAgenda } from '../agenda-file/watch-agenda.js';
import { Health } from './health.js';
import { InFlight } from './in-flight.js';
import type { Shutdown } from './shutdown.js';

export interface BaseProcess {
  readonly config: Config;
  readonly logger: Logger;
  readonly backend: StorageBackend;
  /** The platforms' delivery ports, filled in by the role. */
  readonly delivery: DeliveryPorts;
  readonly core: Core;
  readonly health: Health;
  /** Requests and interaction work still running, which shutdown waits for. */
  readonly inFlight: InFlight;
  readonly shutdown: Shutdown;
}

export async function startBase(config: Config, logger: Logger): Promise<BaseProcess> {
  const backend = await openStorage(config, {
    onMigrated: (applied, version) => logger.info({ applied, version }, 'database ready'),
    logger,
  });
  logger.info({ storage: backend.kind, role: config.run.role }, 'storage open');
  const inFlight = new InFlight();
  const health = new Health(config.run.role, () => backend.ping());
  const shutdown: Shutdown = {
    health,
    logger,
    graceMs: config.run.shutdownGraceMs,
    finishing: [() => inFlight.idle()],
    stops: [() => backend.close()],
  };
  const delivery = new DeliveryPorts();
  const core = await bootCoreOrExit(config, backend, delivery, logger);
  // Picks up an edited or imported agenda file (or SIGHUP) without a restart.
  const agendaWatch = watchAgenda({ path: config.agendaPath, holder: core.agenda, backend, logger });
  shutdown.stops.push(() => agendaWatch.stop());
  return { config, logger, backend, delivery, core, health, inFlight, shutdown };
}

/** OAuth mode's store of installations, opened with the configured key (and the previous one, during a rotation). */
export function slackInstallations(config: Config, backend: StorageBackend): { installations?: InstallationVault } {
  const oauth = config.slack?.oauth;
  if (oauth === undefined) return {};
  return { installations: backend.installations(new Keyring(oauth.secretKey, oauth.previousSecretKey)) };
}

async function bootCoreOrExit(
  config: Config,
  backend: StorageBackend,
  delivery: DeliveryPorts,
  logger: Logger,
): Promise<Core> {
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
