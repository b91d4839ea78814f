import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createShell } from '../../../adapters/shell/index.js';
import { bootCore } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { miniAgenda } from '../../fixtures/mini-agenda.js';

describe('introductions in the shell (one person at the terminal, so a group is printed)', () => {
  it('prints the introduction as a post after the person at the terminal asks for it', async () => {
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const delivery = new DeliveryPorts();
    const core = bootCore({
      agenda: miniAgenda,
      db: openDatabase(':memory:'),
      clock,
      logger: new MemoryLogger(),
      delivery,
    });
    // The terminal's person ('you') and a colleague 'kim' marked 3.6.1-p1 Interested; kim said yes to introductions.
    for (const user of ['you', 'kim']) {
      core.services.subscriptions.addInterest('shell', 'local', user, '3.6.1-p1', 'digest:1:2026-W10', clock.now());
    }
    core.services.introductions.setOptedIn({ platform: 'shell', tenantId: 'local' }, 'kim', true, clock.now());
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

    stdin.write('/agenda introduce 3.6.1-p1\n');
    await seen('Your introductions are off');
    stdin.write('/agenda introductions on\n');
    await seen('Introductions are on.');
    stdin.write('/agenda introduce 3.6.1-p1\n');
    await seen('over question 3.6.1-p1: look for the new group conversation.');
    expect(written).toContain('An introduction: question 3.6.1-p1');
    expect(written).toContain('What you share: Can backdoors survive fine-tuning?');
    stdin.end();
    await running;
  });
});
