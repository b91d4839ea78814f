/**
 * In production PostgreSQL measures leases by its own clock (`now()`), so a machine whose clock runs ahead
 * cannot take over a lease another machine still holds. Each case passes caller times far from the database's
 * to show they are ignored for leases (and still used for what is due).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralText } from '../../../src/core/message.js';
import type { StorageBackend } from '../../../src/persistence/backend.js';
import { openPostgresBackend } from '../../../src/persistence/postgres/index.js';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres.js';

const MINUTE = 60_000;
const PAST = new Date('2000-01-01T00:00:00Z');
const FAR_FUTURE = new Date('2999-01-01T00:00:00Z');

describe.runIf(postgresAvailable)('leases by the database clock', () => {
  let backend: StorageBackend;
  beforeAll(async () => {
    backend = await openPostgresBackend(await createTestDatabase());
  });
  afterAll(async () => {
    await backend.close();
  });

  it('keeps the planner lease with its holder whatever time another machine believes it is', async () => {
    const leases = backend.stores.deliveries;
    expect(await leases.acquireLease('planner', 'A', PAST, MINUTE)).toBe(true);
    expect(await leases.acquireLease('planner', 'B', FAR_FUTURE, MINUTE)).toBe(false);
    // A lease of 0 ms has run out by the database's next statement.
    expect(await leases.acquireLease('planner', 'A', PAST, 0)).toBe(true);
    expect(await leases.acquireLease('planner', 'B', PAST, MINUTE)).toBe(true);
  });

  it('keeps a claimed delivery from a machine whose clock runs ahead', async () => {
    const store = backend.stores.deliveries;
    const destination = {
      kind: 'channel',
      conversation: { platform: 'slack', tenantId: 'T1', channelId: 'C1' },
    } as const;
    await store.plan({ key: 'k', destination, reply: ephemeralText('k'), dueAt: PAST }, PAST);
    await store.plan({ key: 'later', destination, reply: ephemeralText('l'), dueAt: FAR_FUTURE }, FAR_FUTURE);
    expect((await store.claim('A', ['slack'], PAST, MINUTE, 10)).map((r) => r.key)).toEqual(['k']);
    // What is due still follows the caller's clock: B may take `later`, never A's `k`.
    expect((await store.claim('B', ['slack'], FAR_FUTURE, MINUTE, 10)).map((r) => r.key)).toEqual(['later']);
    expect(await store.claimKey('k', 'B', FAR_FUTURE, MINUTE)).toBeUndefined();
    expect(await store.recordAttempt('k', 'A', PAST, 0)).toBe(1);
    expect((await store.claimKey('k', 'B', PAST, MINUTE))?.attempts).toBe(1);
  });
});
