/**
 * Stopping an outbox (SIGTERM in a worker): it claims nothing more, a post already made stays made, and
 * posts still waiting for their pace slot are handed back (claim released, attempt taken back, due now),
 * so another process posts them at once, without waiting for the claim's lease.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { PlannedDelivery } from '../../src/core/jobs/deliveries.js';
import { Outbox } from '../../src/core/jobs/outbox.js';
import { Pacer } from '../../src/core/jobs/pacer.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import { MemoryLogger } from '../../src/log.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';
import { deliveriesDb } from '../helpers/deliveries.js';

const planned = (n: number): PlannedDelivery => ({
  key: `digest:${n}:2024-W10`,
  destination: { kind: 'channel', conversation: { platform: 'shell', tenantId: 'T1', channelId: `C${n}` } },
  reply: { visibility: 'channel', summary: 'Q', blocks: [{ kind: 'text', spans: ['Question?'] }] },
  dueAt: new Date('2024-03-04T09:00:00Z'),
});

describe('Outbox.stop', () => {
  it('hands back posts waiting for their pace; another process posts them at once', async () => {
    const { store, storage } = deliveriesDb();
    const clock = new ManualClock('2024-03-04T09:00:30Z');
    // One post per second to the workspace: the first goes at once, the other two wait for their slots.
    const port = Object.assign(new MemoryDeliveryPort('shell'), { pacing: { tenantPerSecond: 1 } });
    const ports = new DeliveryPorts();
    ports.add(port);
    for (const n of [1, 2, 3]) store.plan(planned(n), clock.now());
    const waiting: number[] = [];
    // Pace waits never end by themselves here: only stop() can end them.
    const sleep = (ms: number): Promise<void> =>
      ms <= 0 ? Promise.resolve() : (waiting.push(ms), new Promise<void>(() => undefined));
    const logger = new MemoryLogger();
    const deps = { ...storage, ports, clock, logger };
    const stopping = new Outbox(deps, [], { holder: 'A', inFlight: new Map(), sleep, pacer: new Pacer() });
    const run = stopping.process();
    while (waiting.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(port.posts.map((p) => p.key)).toEqual(['digest:1:2024-W10']);

    stopping.stop();
    await run;
    const rows = [2, 3].map((n) => store.get(`digest:${n}:2024-W10`));
    expect(rows.map((r) => [r?.state, r?.attempts, r?.nextAttemptAt?.toISOString()])).toEqual([
      ['pending', 0, '2024-03-04T09:00:30.000Z'],
      ['pending', 0, '2024-03-04T09:00:30.000Z'],
    ]);
    expect(logger.records.filter((e) => e.message.startsWith('handed back')).length).toBe(2);

    // Another process, same instant on the clock: nothing to wait for.
    const other = new Outbox(deps, [], { holder: 'B', inFlight: new Map(), pacer: new Pacer() });
    await other.process();
    expect(port.posts.map((p) => p.key).sort()).toEqual([
      'digest:1:2024-W10',
      'digest:2:2024-W10',
      'digest:3:2024-W10',
    ]);
  });
});
