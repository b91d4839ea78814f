/** Entry point of `npm run cluster -- --web N --workers M`; the work is in `launch.ts`. */
import { processEnvironment } from '../../config.js';
import { runCluster } from './launch.js';

let requestStop: () => void = () => {};
const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
let signals = 0;
const onSignal = (): void => {
  signals += 1;
  // A second Ctrl-C while the processes drain: the launcher's exit handler kills what is left.
  if (signals > 1) process.exit(130);
  requestStop();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await runCluster(process.argv.slice(2), {
  env: processEnvironment(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stopRequested,
});
