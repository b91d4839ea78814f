/**
 * `GET /healthz` and the drain rule on a real node:http server, with real database pings:
 * starting, ready, draining, and a database that fails or does not answer (503 unready).
 */
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/persistence/db.js';
import { openPostgresBackend } from '../../src/persistence/postgres/index.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import { Health, HEALTH_PATH } from '../../src/run/health.js';
import { closeServer, guardServer, serveRoutes } from '../../src/run/http.js';
import { InFlight } from '../../src/run/in-flight.js';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres.js';

let server: Server | undefined;
afterEach(async () => {
  if (server) await closeServer(server);
  server = undefined;
});

/** Serves health and one slow work route whose answer the test releases. */
async function serve(health: Health): Promise<{ url: string; inFlight: InFlight; finishWork: () => void }> {
  const inFlight = new InFlight();
  let finishWork = (): void => undefined;
  const work = {
    path: '/work',
    method: 'POST' as const,
    handler: (_req: unknown, res: { end(text: string): void }) => {
      finishWork = () => res.end('done');
    },
  };
  const served = await serveRoutes([{ path: HEALTH_PATH, method: 'GET', handler: health.handler }, work], {
    port: 0,
    host: '127.0.0.1',
  });
  server = served.server;
  guardServer(served.server, health, inFlight);
  return { url: `http://127.0.0.1:${served.port}`, inFlight, finishWork: () => finishWork() };
}

async function healthOf(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${HEALTH_PATH}`);
  return { status: res.status, body: await res.json() };
}

describe('GET /healthz', () => {
  it('says starting, then ready, then draining; while draining it refuses new work and lets running work end', async () => {
    const backend = openSqliteBackend(openDatabase(':memory:'));
    const health = new Health('web', () => backend.ping());
    const { url, inFlight, finishWork } = await serve(health);
    expect(await healthOf(url)).toEqual({
      status: 503,
      body: { status: 'starting', role: 'web', checks: { process: 'starting', database: 'ok' } },
    });
    health.running();
    expect(await healthOf(url)).toEqual({
      status: 200,
      body: { status: 'ready', role: 'web', checks: { process: 'running', database: 'ok' } },
    });
    const running = fetch(`${url}/work`, { method: 'POST' });
    while (inFlight.size === 0) await new Promise((resolve) => setImmediate(resolve));
    health.draining();
    expect(await healthOf(url)).toEqual({
      status: 503,
      body: { status: 'draining', role: 'web', checks: { process: 'draining', database: 'ok' } },
    });
    const refused = await fetch(`${url}/work`, { method: 'POST' });
    expect([refused.status, await refused.text()]).toEqual([503, 'shutting down']);
    finishWork();
    expect(await (await running).text()).toBe('done');
    await inFlight.idle();
    await backend.close();
  });

  it('is 503 unready when the database fails, naming only the error code', async () => {
    const failing = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432 for postgres://u:secret@h/db'), {
      code: 'ECONNREFUSED',
    });
    const health = new Health('worker', () => Promise.reject(failing));
    health.running();
    const { url } = await serve(health);
    const answer = await healthOf(url);
    expect(answer).toEqual({
      status: 503,
      body: { status: 'unready', role: 'worker', checks: { process: 'running', database: 'failed (ECONNREFUSED)' } },
    });
    expect(JSON.stringify(answer.body)).not.toContain('secret');
  });

  it('is 503 unready when the database does not answer in time', async () => {
    const health = new Health('all', () => new Promise<void>(() => undefined), 100);
    health.running();
    const { url } = await serve(health);
    expect(await healthOf(url)).toEqual({
      status: 503,
      body: { status: 'unready', role: 'all', checks: { process: 'running', database: 'no answer within 100 ms' } },
    });
  });

  it.runIf(postgresAvailable)('pings PostgreSQL: ready while the pool is open, unready once it is gone', async () => {
    const backend = await openPostgresBackend(await createTestDatabase());
    const health = new Health('worker', () => backend.ping());
    health.running();
    const { url } = await serve(health);
    expect((await healthOf(url)).status).toBe(200);
    await backend.close();
    const after = await healthOf(url);
    expect(after.status).toBe(503);
    expect((after.body as { status: string }).status).toBe('unready');
  });
});
