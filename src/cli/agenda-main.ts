/** Entry point of `npm run agenda -- …`; the work is in src/cli/agenda-cli.ts. */
import { agendaPathSetting, processEnvironment } from '../config.js';
import { runAgendaCli } from './agenda-cli.js';

process.exitCode = await runAgendaCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => performance.now(),
  date: () => new Date(),
  // The same setting as the bot's (environment, then .env), so an import reaches the running bot.
  configuredAgenda: agendaPathSetting(processEnvironment()),
});
