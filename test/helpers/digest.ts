/**
 * A whole weekly-question setup for tests: real core (agenda, SQLite in memory with the
 * real migrations), a manual clock, recording delivery ports and a sweeper. Commands run
 * through the real dispatcher, as an adapter would call them.
 */
import { bootCore, type Core } from '../../src/boot.js';
import { ManualClock } from '../../src/core/clock.js';
import type { CommandContext, Platform } from '../../src/core/context.js';
import { createSweeper } from '../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../src/core/features/index.js';
import type { FaultPoint } from '../../src/core/jobs/outbox.js';
import type { Sweeper } from '../../src/core/jobs/sweeper.js';
import { spansToPlain, type Reply } from '../../src/core/message.js';
import { DeliveryPorts } from '../../src/core/ports.js';
import { MemoryLogger } from '../../src/log.js';
import type { StorageBackend } from '../../src/persistence/backend.js';
import type { Db } from '../../src/persistence/db.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';
import { AGENDA_PATH, sqliteDb, testBackend } from './services.js';
import { typed } from './typed.js';

export interface DigestEnv extends Core {
  readonly backend: StorageBackend;
  /** The SQLite connection (throws on another backend). */
  readonly db: Db;
  readonly clock: ManualClock;
  readonly logger: MemoryLogger;
  readonly port: MemoryDeliveryPort;
  readonly sweeper: Sweeper;
  /** Runs `/agenda <text>` as this user in this tenant/channel. */
  run(text: string, who?: Partial<Who>): Promise<Reply>;
  ctx(who?: Partial<Who>): CommandContext;
  /** A new "process" on the same database (after a crash): fresh core, sweeper and in-flight set. */
  restart(fault?: (point: FaultPoint) => void | Promise<void>): Promise<DigestEnv>;
}

export interface Who {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly userId: string;
  readonly channelId: string;
  readonly isDirect: boolean;
}

export interface DigestEnvOptions {
  /** Default: the fixture agenda. */
  readonly agendaPath?: string;
  readonly now?: string;
  readonly catchupHours?: number;
  readonly defaultTimezone?: string;
  readonly db?: Db;
  /** Any backend (the contract suite's PostgreSQL); wins over `db`. */
  readonly backend?: StorageBackend;
  readonly clock?: ManualClock;
  readonly port?: MemoryDeliveryPort;
  readonly fault?: (point: FaultPoint) => void | Promise<void>;
}

let processes = 0;

export async function digestEnv(options: DigestEnvOptions = {}): Promise<DigestEnv> {
  const backend = testBackend(options);
  const clock = options.clock ?? new ManualClock(options.now ?? '2024-03-04T08:00:00Z');
  const logger = new MemoryLogger();
  const port = options.port ?? new MemoryDeliveryPort('shell');
  const delivery = new DeliveryPorts();
  delivery.add(port);
  const core = await bootCore({
    agendaPath: options.agendaPath ?? AGENDA_PATH,
    backend,
    clock,
    logger,
    delivery,
    random: () => 0,
    settings: {
      defaultTimezone: options.defaultTimezone ?? 'UTC',
      digestCatchupHours: options.catchupHours ?? 24,
    },
  });
  const sweeper = createSweeper(core.services, scheduledFeatures, {
    inFlight: new Map(),
    // Each (re)start is a new process, with its own name on claims and the planner lease.
    holder: `process-${++processes}`,
    ...(options.fault ? { fault: options.fault } : {}),
  });
  const ctx = (who: Partial<Who> = {}): CommandContext => {
    const platform = who.platform ?? 'shell';
    const tenantId = who.tenantId ?? 'T1';
    return {
      actor: { platform, tenantId, userId: who.userId ?? 'U1' },
      conversation: { platform, tenantId, channelId: who.channelId ?? 'C1' },
      isDirect: who.isDirect ?? false,
    };
  };
  return {
    ...core,
    backend,
    get db() {
      return sqliteDb(backend);
    },
    clock,
    logger,
    port,
    sweeper,
    ctx,
    run: (text, who) => core.dispatcher.runText('agenda', typed(text), ctx(who)),
    // The same database, as a second process would open it (SQLite: one connection, one gate).
    restart: (fault) => digestEnv({ ...options, backend, clock, port, ...(fault ? { fault } : {}) }),
  };
}

/** All text of a reply, for assertions on wording. */
export function plain(reply: Reply): string {
  return reply.blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return block.text;
        case 'text':
        case 'context':
          return spansToPlain(block.spans);
        case 'fields':
          return block.fields.map((f) => `${f.label}: ${spansToPlain(f.value)}`).join('\n');
        case 'list':
          return block.items.map((i) => `${i.id} ${spansToPlain(i.text)}`).join('\n');
        case 'links':
          return block.links.map((l) => `${l.text} <${l.url}>`).join('\n');
        case 'buttons':
          return block.buttons.map((b) => `[${b.label}]`).join(' ');
        default:
          return '';
      }
    })
    .join('\n');
}
