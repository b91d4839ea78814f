/** Entry point of `npm run secret:rotate`; the work is in src/cli/rotate-key.ts. */
import { processEnvironment } from '../config.js';
import { runRotateKey } from './rotate-key.js';

process.exitCode = await runRotateKey(processEnvironment(), { stdout: process.stdout, stderr: process.stderr });
