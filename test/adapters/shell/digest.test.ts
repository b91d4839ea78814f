import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createShell } from '../../../adapters/shell/index.js';
import { bootCore } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { createSweeper } from '../../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../../src/core/features/index.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { AGENDA_PATH } from '../../helpers/services.js';

describe('the weekly question in the shell (its one channel is the terminal)', () => {
  it('subscribes the terminal, prints the due card once, and its Interested button updates the count', async () => {
    const clock = new ManualClock('2024-03-04T08:00:00Z');
    const delivery = new DeliveryPorts();
    const core = bootCore({
      agendaPath: AGENDA_PATH,
      db: openDatabase(':memory:'),
      clock,
      logger: new MemoryLogger(),
      delivery,
    });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let written = '';
    const waiters: (() => void)[] = [];
    stdout.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      waiters.splice(0).forEach((wake) => wake());
    });
    const seen = async (text: string): Promise<void> => {
      while (!written.includes(text)) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    const shell = createShell({
      dispatcher: core.dispatcher,
      input: stdin,
      output: stdout,
      interactive: false,
      userName: 'tester',
    });
    delivery.add(shell.delivery);
    const running = shell.session.run();

    stdin.write('/agenda subscribe #terminal\n');
    await seen('Subscribed (id 1)');
    clock.set('2024-03-04T09:00:00Z');
    const sweeper = createSweeper(core.services, scheduledFeatures, { inFlight: new Map() });
    await sweeper.sweep();
    await sweeper.sweep();
    await seen('Research question of the week');
    expect(written.split('== Research question of the week ==')).toHaveLength(2);
    expect(written).toContain('2.1-q1 (from the paper)');
    expect(written).toContain('Discuss this question here.');

    stdin.write('1\n');
    await seen('Noted: you are interested in 2.1-q1.');
    expect(written).toContain('Interested: 1');
    stdin.end();
    await running;
  });
});
