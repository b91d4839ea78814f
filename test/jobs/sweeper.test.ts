import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { Outbox } from '../../src/core/jobs/outbox.js';
import { Sweeper, type DueWorkProvider } from '../../src/core/jobs/sweeper.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import { MemoryLogger } from '../../src/log.js';
import { startScheduler } from '../../src/scheduler.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';
import { deliveriesDb } from '../helpers/deliveries.js';

function setup(providers: DueWorkProvider[]) {
  const { store, storage } = deliveriesDb();
  const port = new MemoryDeliveryPort('shell');
  const ports = new DeliveryPorts();
  ports.add(port);
  const clock = new ManualClock('2024-03-04T09:00:00Z');
  const logger = new MemoryLogger();
  const outbox = new Outbox({ ...storage, ports, clock, logger }, [], { inFlight: new Map() });
  return { store, port, clock, logger, sweeper: new Sweeper(providers, outbox, clock, logger) };
}

describe('Sweeper', () => {
  it('plans through providers, then posts what they planned, in one sweep', async () => {
    const provider: DueWorkProvider = {
      name: 'test',
      plan: (now) => {
        env.store.plan(
          {
            key: `test:${now.toISOString()}`,
            destination: { kind: 'channel', conversation: { platform: 'shell', tenantId: 'T', channelId: 'C' } },
            reply: { visibility: 'channel', summary: 'hello', blocks: [] },
            dueAt: now,
          },
          now,
        );
      },
    };
    const env = setup([provider]);
    await env.sweeper.sweep();
    expect(env.port.posts.map((p) => p.key)).toEqual(['test:2024-03-04T09:00:00.000Z']);
  });

  it('never runs two sweeps at once: a second request joins the running one', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const env = setup([
      {
        name: 'slow',
        plan: async () => {
          calls += 1;
          await gate;
        },
      },
    ]);
    const first = env.sweeper.sweep();
    const second = env.sweeper.sweep();
    expect(second).toBe(first);
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
    expect(env.sweeper.completed).toBe(1);
    await env.sweeper.sweep();
    expect(calls).toBe(2);
  });

  it('a failing provider is logged and does not stop the others', async () => {
    let ran = false;
    const env = setup([
      {
        name: 'broken',
        plan: () => {
          throw new Error('boom');
        },
      },
      {
        name: 'fine',
        plan: () => {
          ran = true;
        },
      },
    ]);
    await env.sweeper.sweep();
    expect(ran).toBe(true);
    expect(
      env.logger.records.filter((r) => r.level === 'error').map((r) => (r.fields as { step: string }).step),
    ).toEqual(['broken']);
  });

  it('the scheduler sweeps at start-up and stops cleanly', async () => {
    let calls = 0;
    const env = setup([
      {
        name: 'count',
        plan: () => {
          calls += 1;
        },
      },
    ]);
    const scheduler = startScheduler(env.sweeper, env.logger);
    await env.sweeper.idle();
    expect(calls).toBe(1);
    await scheduler.stop();
    expect(env.logger.records.map((r) => r.message)).toContain('scheduler stopped');
  });
});

describe('Sweeper with another process planning', () => {
  it('keeps looking for work while another process plans, instead of waiting for its next tick', async () => {
    const { store, storage } = deliveriesDb();
    const clock = new ManualClock('2024-03-04T09:00:00Z');
    const logger = new MemoryLogger();
    // Waits move the manual clock and let the other process's planning go on meanwhile.
    const sleep = async (ms: number): Promise<void> => {
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    };
    let releasePlanning: () => void = () => undefined;
    const planningGate = new Promise<void>((resolve) => (releasePlanning = resolve));
    const provider: DueWorkProvider = {
      name: 'slow planner',
      plan: async (now) => {
        await planningGate;
        await storage.store.plan(
          {
            key: 'planned:late',
            destination: { kind: 'channel', conversation: { platform: 'shell', tenantId: 'T', channelId: 'C' } },
            reply: { visibility: 'channel', summary: 'hello', blocks: [] },
            dueAt: now,
          },
          now,
        );
      },
    };
    const sweeperOf = (holder: string, ports: DeliveryPorts): Sweeper => {
      const outbox = new Outbox({ ...storage, ports, clock, logger }, [], { inFlight: new Map(), holder, sleep });
      return new Sweeper([provider], outbox, clock, logger, { leases: storage.store, holder });
    };
    // The planner has no shell port, so only the other process can post what it plans.
    const planner = sweeperOf('planner', new DeliveryPorts());
    const port = new MemoryDeliveryPort('shell');
    const ports = new DeliveryPorts();
    ports.add(port);
    const other = sweeperOf('other', ports);

    const planning = planner.sweep();
    await until(() => store.leaseHeld('planning', clock.now()));
    const otherSweep = other.sweep();
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    releasePlanning();
    await Promise.all([planning, otherSweep]);
    expect(port.posts.map((p) => p.key)).toEqual(['planned:late']);
    expect(store.leaseHeld('planning', clock.now())).toBe(false);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}
