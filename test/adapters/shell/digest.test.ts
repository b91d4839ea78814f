import { describe, expect, it } from 'vitest';
import { bootCore } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { AGENDA_PATH } from '../../helpers/services.js';
import { openTerminal } from './terminal.js';

describe('the weekly question in the shell (its one channel is the terminal)', () => {
  it('subscribes the terminal, prints the due card once, and its Interested button updates the count', async () => {
    const clock = new ManualClock('2024-03-04T08:00:00Z');
    const delivery = new DeliveryPorts();
    const core = await bootCore({
      agendaPath: AGENDA_PATH,
      backend: openSqliteBackend(openDatabase(':memory:')),
      clock,
      logger: new MemoryLogger(),
      delivery,
    });
    const terminal = openTerminal(core.dispatcher, delivery);

    terminal.type('/agenda subscribe #terminal');
    await terminal.seen('Subscribed (id 1)');
    clock.set('2024-03-04T09:00:00Z');
    const sweeper = createSweeper(core.services, scheduledFeatures, { inFlight: new Map() });
    await sweeper.sweep();
    await sweeper.sweep();
    await terminal.seen('Research question of the week');
    expect(terminal.written().split('== Research question of the week ==')).toHaveLength(2);
    expect(terminal.written()).toContain('2.1-q1 (from the paper)');
    expect(terminal.written()).toContain('Discuss this question here.');

    terminal.type('1');
    await terminal.seen('Noted: you are interested in 2.1-q1.');
    expect(terminal.written()).toContain('Interested: 1');
    await terminal.close();
  });
});
