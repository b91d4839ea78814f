/** Entry point of `npm run db:copy-to-postgres -- …`; the work is in src/cli/copy-to-postgres.ts. */
import { processEnvironment } from '../config.js';
import { runCopyToPostgres } from './copy-to-postgres.js';

const env = processEnvironment();
process.exitCode = await runCopyToPostgres(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  settings: {
    ...(env['DATABASE_PATH'] !== undefined ? { databasePath: env['DATABASE_PATH'] } : {}),
    ...(env['DATABASE_URL'] !== undefined ? { databaseUrl: env['DATABASE_URL'] } : {}),
  },
});
