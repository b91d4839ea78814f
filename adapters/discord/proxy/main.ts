/**
 * `npm run discord:proxy`: the bot's one Discord REST proxy (see `server.ts`). Settings: `PORT`, `HOST`
 * (default 127.0.0.1), `DISCORD_API_URL` (upstream; Discord unless set), `DISCORD_REQUESTS_PER_SECOND`
 * (default 50), `LOG_LEVEL`, `SHUTDOWN_GRACE_SECONDS`. Stops on SIGTERM or SIGINT after in-flight requests.
 * Only the real environment is read, not `.env`: that file holds the bot's own `PORT` and a `DISCORD_API_URL`
 * that points at this proxy, which would make it listen on the bot's port and forward to itself.
 */
import { processEnvironment } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { startDiscordProxy } from './server.js';
import { readProxySettings } from './settings.js';

const read = readProxySettings(processEnvironment(null));
if (read.problems) {
  process.stderr.write(`The Discord proxy cannot start:\n${read.problems.map((p) => `- ${p}`).join('\n')}\n`);
  process.exit(2);
}
const { settings } = read;
const logger = createLogger(settings.logLevel);
const proxy = await startDiscordProxy(settings, logger);
logger.info(
  { listening: proxy.apiUrl, upstream: settings.upstream, perSecond: settings.perSecond },
  'discord proxy ready: point DISCORD_API_URL of every process here',
);
const stop = (signal: string) => (): void => {
  logger.info({ signal }, 'discord proxy: shutting down');
  void proxy.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop('SIGTERM'));
process.once('SIGINT', stop('SIGINT'));
