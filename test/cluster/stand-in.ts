/**
 * A stand-in for a bot process or the proxy in the launcher's tests: answers `GET /healthz` on `PORT` with its
 * role and the settings the launcher gave it, and on SIGTERM prints when it stopped, then exits 0. Starts fast,
 * so the launcher's own behaviour (ports, readiness, order of stopping) is tested without the bot's start-up.
 * `STAND_IN_FAIL=1` makes it exit with code 3 at once (a process that cannot start).
 */
import { createServer } from 'node:http';

if (process.env['STAND_IN_FAIL'] === '1') {
  process.stderr.write('stand-in: refusing to start\n');
  process.exit(3);
}
const settings = {
  status: 'ready',
  role: process.env['AGENDABOT_ROLE'] ?? 'discord-proxy',
  host: process.env['HOST'],
  databaseUrl: process.env['DATABASE_URL'],
  discordApiUrl: process.env['DISCORD_API_URL'],
  requestsPerSecond: process.env['DISCORD_REQUESTS_PER_SECOND'],
};
const server = createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(settings));
});
server.listen(Number(process.env['PORT']), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.stdout.write(`stopped ${settings.role} at ${Date.now()}\n`);
  setTimeout(() => process.exit(0), 50);
});
