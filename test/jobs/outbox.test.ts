import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { PlannedDelivery } from '../../src/core/jobs/deliveries.js';
import { Outbox, type DeliveryFailure, type DeliveryHandler, type FaultPoint } from '../../src/core/jobs/outbox.js';
import { ephemeralText } from '../../src/core/message.js';
import { DeliveryError, DeliveryPorts } from '../../src/core/ports.js';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import type { DeliveriesRepository } from '../../src/persistence/deliveries-repository.js';
import { MemoryLogger } from '../../src/log.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';
import { deliveriesDb, type DeliveriesDb } from '../helpers/deliveries.js';

const channel = { platform: 'shell', tenantId: 'T1', channelId: 'C1' } as const;
const planned: PlannedDelivery = {
  key: 'digest:1:2024-W10',
  destination: { kind: 'channel', conversation: channel },
  reply: { visibility: 'channel', summary: 'Q', blocks: [{ kind: 'text', spans: ['Question?'] }] },
  dueAt: new Date('2024-03-04T09:00:00Z'),
  thread: { name: 'Discuss', reply: ephemeralText('What do you think?') },
};

describe('Outbox: exactly-once delivery', () => {
  let db: Db;
  let store: DeliveriesRepository;
  let storage: DeliveriesDb['storage'];
  let port: MemoryDeliveryPort;
  let clock: ManualClock;
  let logger: MemoryLogger;
  let failures: { key: string; failure: DeliveryFailure }[];

  beforeEach(() => {
    db = openDatabase(':memory:');
    ({ store, storage } = deliveriesDb(db));
    port = new MemoryDeliveryPort('shell');
    clock = new ManualClock('2024-03-04T09:00:30Z');
    logger = new MemoryLogger();
    failures = [];
  });

  let processes = 0;

  /** A fresh "process": its own name on claims, outbox and in-flight set over the same database and platform. */
  function boot(fault?: (point: FaultPoint) => void | Promise<void>): Outbox {
    const ports = new DeliveryPorts();
    ports.add(port);
    const handler: DeliveryHandler = {
      prefix: 'digest:',
      staleAfterMs: 24 * 3600_000,
      onFailed: (record, failure) => {
        failures.push({ key: record.key, failure });
      },
    };
    return new Outbox({ ...storage, ports, clock, logger }, [handler], {
      inFlight: new Map(),
      holder: `process-${++processes}`,
      ...(fault ? { fault: (point) => fault(point) } : {}),
    });
  }

  /** Runs a delivery until it reaches `point`, then freezes that process forever (a crash). */
  async function crashAt(point: FaultPoint): Promise<void> {
    let reached: () => void = () => undefined;
    const crashed = new Promise<void>((resolve) => (reached = resolve));
    const doomed = boot((at) => (at === point ? (reached(), new Promise<void>(() => undefined)) : undefined));
    void doomed.deliver(planned.key);
    await crashed;
    // The dead process's claim runs out (5 minutes by default) before another process may take it over.
    clock.advance(5 * 60_000);
  }

  it('posts once, records the message id, opens the thread and posts its first message', async () => {
    expect(store.plan(planned, clock.now())).toBe(true);
    await boot().process();
    expect(port.posts.map((p) => p.key)).toEqual(['digest:1:2024-W10', 'digest:1:2024-W10:thread']);
    expect(port.posts[1]?.conversation).toEqual({ ...channel, threadId: 'm1' });
    const record = store.get(planned.key);
    expect(record?.state).toBe('sent');
    expect(record?.posted?.messageId).toBe('m1');
    expect(record?.threadState).toBe('opened');
    expect(record?.threadConversation?.threadId).toBe('m1');
    expect(store.get('digest:1:2024-W10:thread')?.state).toBe('sent');
    await boot().process();
    expect(port.posts).toHaveLength(2);
  });

  it('refuses to plan the same key twice', () => {
    expect(store.plan(planned, clock.now())).toBe(true);
    expect(store.plan({ ...planned, reply: ephemeralText('other') }, clock.now())).toBe(false);
    expect(store.get(planned.key)?.reply.summary).toBe('Q');
  });

  it('crash after pending is written, before any attempt: the restart posts once', async () => {
    store.plan(planned, clock.now());
    await boot().process();
    expect(port.postsIn('C1')).toHaveLength(1);
  });

  it('crash after the attempt is counted, before the platform call: reconciles, finds nothing, posts once', async () => {
    store.plan(planned, clock.now());
    await crashAt('before-post');
    expect(port.posts).toHaveLength(0);
    expect(store.get(planned.key)?.state).toBe('pending');
    await boot().process();
    expect(port.postsIn('C1')).toHaveLength(1);
    expect(store.get(planned.key)?.attempts).toBe(2);
  });

  it('crash after the platform accepted, before recording: reconciles and never posts again', async () => {
    store.plan(planned, clock.now());
    await crashAt('after-post');
    expect(port.postsIn('C1')).toHaveLength(1);
    expect(store.get(planned.key)?.state).toBe('pending');
    await boot().process();
    await boot().process();
    expect(port.postsIn('C1')).toHaveLength(1);
    expect(store.get(planned.key)?.posted?.messageId).toBe('m1');
    expect(logger.records.some((r) => r.message === 'reconciled a post made before a restart')).toBe(true);
  });

  it('crash after recording: the restart only opens the thread', async () => {
    store.plan(planned, clock.now());
    await crashAt('after-record');
    expect(store.get(planned.key)?.threadState).toBe('wanted');
    await boot().process();
    expect(port.postsIn('C1')).toHaveLength(1);
    expect(port.threads).toHaveLength(1);
    expect(store.get(planned.key)?.threadState).toBe('opened');
  });

  it('retries transient errors with growing delays on the clock, then posts', async () => {
    store.plan(planned, clock.now());
    port.postFailures.push(
      new DeliveryError('shell', 'ratelimited', 'rate-limited', 'slow down'),
      new Error('socket hang up'),
    );
    const outbox = boot();
    await outbox.process();
    expect(store.get(planned.key)?.nextAttemptAt?.toISOString()).toBe('2024-03-04T09:01:30.000Z');
    clock.advance(59_000);
    await outbox.process();
    expect(store.get(planned.key)?.attempts).toBe(1);
    clock.advance(1_000);
    await outbox.process();
    expect(store.get(planned.key)?.nextAttemptAt?.toISOString()).toBe('2024-03-04T09:03:30.000Z');
    clock.set('2024-03-04T09:03:30Z');
    await outbox.process();
    expect(store.get(planned.key)?.state).toBe('sent');
    expect(port.postsIn('C1')).toHaveLength(1);
    expect(failures).toEqual([]);
  });

  it('a permanent error fails the delivery and tells its owner once', async () => {
    store.plan(planned, clock.now());
    port.postFailures.push(new DeliveryError('shell', 'channel_not_found', 'gone', 'gone'));
    await boot().process();
    await boot().process();
    expect(store.get(planned.key)?.state).toBe('failed');
    expect(store.get(planned.key)?.reason).toBe('channel_not_found');
    expect(failures.map((f) => [f.key, f.failure.code, f.failure.permanent])).toEqual([
      ['digest:1:2024-W10', 'channel_not_found', true],
    ]);
    expect(port.posts).toHaveLength(0);
  });

  it('gives up after a bounded number of transient failures', async () => {
    store.plan(planned, clock.now());
    for (let i = 0; i < 6; i++) port.postFailures.push(new DeliveryError('shell', 'internal_error', 'transient', 'x'));
    const outbox = boot();
    for (let i = 0; i < 8; i++) {
      await outbox.process();
      clock.advance(3600_000);
    }
    expect(store.get(planned.key)?.state).toBe('failed');
    expect(store.get(planned.key)?.reason).toBe('gave up after 6 attempts (last: internal_error)');
    expect(failures).toHaveLength(1);
    expect(port.posts).toHaveLength(0);
  });

  it('skips a never-attempted post that fell due longer ago than its owner allows', async () => {
    store.plan(planned, clock.now());
    clock.set('2024-03-05T09:00:01Z');
    await boot().process();
    expect(store.get(planned.key)?.state).toBe('skipped');
    expect(port.posts).toHaveLength(0);
  });

  it('a stale post that may have gone out is still reconciled, never posted twice', async () => {
    store.plan(planned, clock.now());
    await crashAt('after-post');
    clock.set('2024-03-06T09:00:00Z');
    await boot().process();
    expect(store.get(planned.key)?.state).toBe('sent');
    expect(port.postsIn('C1')).toHaveLength(1);
  });

  it('a DM without threads marks the thread unavailable', async () => {
    port.threadsInDirectMessages = false;
    store.plan(
      { ...planned, destination: { kind: 'user', platform: 'shell', tenantId: 'T1', userId: 'U1' } },
      clock.now(),
    );
    await boot().process();
    expect(store.get(planned.key)?.threadState).toBe('unavailable');
    expect(port.posts.map((p) => p.conversation.channelId)).toEqual(['dm:U1']);
  });

  it('two concurrent deliveries of one key in one process post once', async () => {
    store.plan(planned, clock.now());
    const outbox = boot();
    await Promise.all([outbox.deliver(planned.key), outbox.deliver(planned.key), outbox.process()]);
    expect(port.postsIn('C1')).toHaveLength(1);
  });
});
