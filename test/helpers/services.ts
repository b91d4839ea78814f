/**
 * Real services for tests: the fixture agenda (or another file), real SQLite in memory
 * with the real migrations, a manual clock, a silent logger (or one you pass), and a
 * deterministic random source. Other features' tests build on this.
 */
import { bootCore, type Core } from '../../src/boot.js';
import { ManualClock } from '../../src/core/clock.js';
import type { CommandContext } from '../../src/core/context.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { openDatabase, type Db } from '../../src/persistence/db.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';

/** The fixture agenda (see `test/fixtures/agenda.ts`), not the shipped one, so new content keeps tests green. */
export const AGENDA_PATH = FIXTURE_AGENDA_PATH;

export interface TestServicesOptions {
  readonly agendaPath?: string;
  readonly db?: Db;
  readonly clock?: ManualClock;
  readonly logger?: Logger;
  readonly delivery?: DeliveryPorts;
  /** Values returned by `services.random()` in turn (repeating); default always 0. */
  readonly randomValues?: readonly number[];
}

export interface TestCore extends Core {
  readonly db: Db;
  readonly clock: ManualClock;
  readonly delivery: DeliveryPorts;
}

export function makeServices(options: TestServicesOptions = {}): TestCore {
  const db = options.db ?? openDatabase(':memory:');
  const clock = options.clock ?? new ManualClock('2026-01-05T09:00:00Z');
  const delivery = options.delivery ?? new DeliveryPorts();
  const core = bootCore({
    agendaPath: options.agendaPath ?? AGENDA_PATH,
    db,
    clock,
    logger: options.logger ?? silentLogger,
    delivery,
    random: sequence(options.randomValues ?? [0]),
  });
  return { ...core, db, clock, delivery };
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
