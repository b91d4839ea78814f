/** Waiting for a process of the cluster to answer `GET /healthz` with 200 (the roles' readiness check). */
import type { ClusterChild } from './child.js';
import { describeExit } from './child.js';

const POLL_MS = 200;

export class NotHealthyError extends Error {
  override readonly name = 'NotHealthyError';
}

/**
 * Resolves once `child` answers 200 at its `/healthz`; rejects, naming it, when it exits first, when
 * `timeoutMs` pass, or when `cancelled` resolves (a Ctrl-C during start-up).
 */
export async function untilHealthy(child: ClusterChild, timeoutMs: number, cancelled: Promise<void>): Promise<void> {
  const url = `http://127.0.0.1:${child.spec.port}/healthz`;
  const deadline = Date.now() + timeoutMs;
  let stop = false;
  void cancelled.then(() => (stop = true));
  let last = 'no answer yet';
  while (!stop) {
    if (!child.running) {
      const exit = child.exit ?? { code: null, signal: null };
      throw new NotHealthyError(`${child.spec.name} ${describeExit(exit)} before it was ready (see its output above).`);
    }
    if (Date.now() > deadline)
      throw new NotHealthyError(`${child.spec.name} was not ready after ${timeoutMs / 1000} s (${last}).`);
    last = await probe(url);
    if (last === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new NotHealthyError('Stopped while starting.');
}

async function probe(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const body = await response.text();
    if (response.status === 200) return 'ready';
    return `/healthz answered ${response.status}: ${body.slice(0, 200)}`;
  } catch {
    return 'no answer yet';
  }
}
