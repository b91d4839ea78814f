/** Runs this process's role to the end: start, report ready, and stop cleanly on a signal or the shell's end. */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Platforms } from './platforms.js';
import { startBase } from './process.js';
import { COMPOSERS } from './roles.js';
import { onStopSignals, shutDown } from './shutdown.js';

/** `afterReady` runs once the process is ready: work nothing before the first request needs. */
export async function runProcess(
  config: Config,
  logger: Logger,
  platforms: Platforms,
  afterReady: () => void = () => undefined,
): Promise<void> {
  const base = await startBase(config, logger);
  const { shell } = await COMPOSERS[config.run.role](base, platforms);
  base.health.running();
  logger.info({ role: config.run.role }, 'process ready');
  afterReady();
  onStopSignals(base.shutdown);
  if (shell) {
    await shell.run();
    await shutDown(base.shutdown);
  }
}
