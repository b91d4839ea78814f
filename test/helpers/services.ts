/**
 * Real services for tests: the fixture agenda (or another file), real SQLite in memory
 * with the real migrations (or the backend you pass), a manual clock, a silent logger (or
 * one you pass), and a deterministic random source. Other features' tests build on this.
 */
import { bootCore, type Core } from '../../src/boot.js';
import { ManualClock } from '../../src/core/clock.js';
import type { CommandContext } from '../../src/core/context.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import { silentLogger, type Logger } from '../../src/log.js';
import type { StorageBackend } from '../../src/persistence/backend.js';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';

/** The fixture agenda (see `test/fixtures/agenda.ts`), not the shipped one, so new content keeps tests green. */
export const AGENDA_PATH = FIXTURE_AGENDA_PATH;

export interface TestServicesOptions {
  readonly agendaPath?: string;
  /** An SQLite database to use (a "restart" on the same file); default a new one in memory. */
  readonly db?: Db;
  /** Any backend (PostgreSQL in the contract suite); wins over `db`. */
  readonly backend?: StorageBackend;
  readonly clock?: ManualClock;
  readonly logger?: Logger;
  readonly delivery?: DeliveryPorts;
  /** Values returned by `services.random()` in turn (repeating); default always 0. */
  readonly randomValues?: readonly number[];
}

export interface TestCore extends Core {
  readonly backend: StorageBackend;
  /** The SQLite connection, for tests that look at rows; throws on another backend. */
  readonly db: Db;
  readonly clock: ManualClock;
  readonly delivery: DeliveryPorts;
}

export async function makeServices(options: TestServicesOptions = {}): Promise<TestCore> {
  const backend = testBackend(options);
  const clock = options.clock ?? new ManualClock('2026-01-05T09:00:00Z');
  const delivery = options.delivery ?? new DeliveryPorts();
  const core = await bootCore({
    agendaPath: options.agendaPath ?? AGENDA_PATH,
    backend,
    clock,
    logger: options.logger ?? silentLogger,
    delivery,
    random: sequence(options.randomValues ?? [0]),
  });
  return {
    ...core,
    backend,
    get db() {
      return sqliteDb(backend);
    },
    clock,
    delivery,
  };
}

/** The backend a test asked for: its own, one over its database, or a new SQLite database in memory. */
export function testBackend(options: { readonly backend?: StorageBackend; readonly db?: Db }): StorageBackend {
  return options.backend ?? openSqliteBackend(options.db ?? openDatabase(':memory:'));
}

/** The SQLite connection under a backend, for tests that read rows directly. */
export function sqliteDb(backend: StorageBackend): Db {
  if (!('db' in backend)) throw new Error(`this test reads SQLite rows; its backend is ${backend.kind}`);
  return (backend as { db: Db }).db;
}

/** A random source that returns the given values in turn, forever. */
export function sequence(values: readonly number[]): () => number {
  let next = 0;
  return () => {
    const value = values[next % values.length] ?? 0;
    next += 1;
    return value;
  };
}

/** A command context in a Slack-like channel; override what a test cares about. */
export function makeContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    actor: { platform: 'shell', tenantId: 'T1', userId: 'U1', displayName: 'Ada' },
    conversation: { platform: 'shell', tenantId: 'T1', channelId: 'C1' },
    isDirect: false,
    ...overrides,
  };
}
