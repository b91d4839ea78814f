/**
 * The composition root: configuration, logger, and the chat platforms' adapters, loaded only
 * when the process's role asks for them (Bolt and discord.js are large to load). What each
 * role runs is in `src/run/roles.ts`; `src/run/run.ts` starts it and stops it cleanly on
 * SIGINT/SIGTERM or when the shell's input ends. This is the one file in `src/` that knows
 * the adapters.
 */
import { userInfo } from 'node:os';
import { ConfigError, loadConfig, processEnvironment, type Config } from './config.js';
import { staleRuntimeZoneData } from './core/time/tzdata.js';
import { createLogger } from './log.js';
import type { Platforms } from './run/platforms.js';
import { runProcess } from './run/run.js';
import { installStackTraceMaps } from './run/stack-traces.js';

const platforms: Platforms = {
  async slackApp(options) {
    const { startSlack } = await import('../adapters/slack/index.js');
    return startSlack(options);
  },
  async slackDelivery(options) {
    const { startSlackDelivery } = await import('../adapters/slack/index.js');
    return startSlackDelivery(options);
  },
  async discord({ gateway, ...options }) {
    const { startDiscord, startDiscordRest } = await import('../adapters/discord/index.js');
    // With the gateway, an interactions route (DISCORD_PUBLIC_KEY) is handed back for the process's server.
    return gateway ? startDiscord({ ...options, shareHttpServer: true }) : startDiscordRest(options);
  },
  async shell({ dispatcher, timeZone }) {
    const { createShell } = await import('../adapters/shell/index.js');
    const shell = createShell({
      dispatcher,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
      userName: userInfo().username,
      timeZone,
    });
    return { delivery: shell.delivery, run: () => shell.session.run() };
  },
};

/**
 * Starts loading the adapters this process will start, at once: Slack's then loads while
 * Discord's gateway handshake waits on the network, as both would if started side by side.
 * The `platforms` methods import the same modules and are handed these loads.
 */
function preloadAdapters(config: Config): void {
  const later = (): undefined => undefined; // A load that fails fails again where the adapter starts, and says so.
  if (config.discord) import('../adapters/discord/index.js').catch(later);
  if (config.slack) import('../adapters/slack/index.js').catch(later);
}

async function main(): Promise<void> {
  installStackTraceMaps(new URL('.', import.meta.url));
  const config = loadConfigOrExit();
  preloadAdapters(config);
  const logger = createLogger(config.logLevel);
  // Reading the bot's zone data takes ~20 ms, and nothing a first request needs waits on this warning: after ready.
  const warnOfStaleZones = (): void => {
    const staleZones = staleRuntimeZoneData(process.versions.tz);
    if (staleZones) logger.warn({ runtimeTz: process.versions.tz }, staleZones);
  };
  await runProcess(config, logger, platforms, warnOfStaleZones);
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

main().catch((error: unknown) => {
  // Last resort before exiting: one line, no stack in the chat (stderr only).
  process.stderr.write(`agendabot stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
