import { describe, expect, it } from 'vitest';
import { bootCore } from '../../../src/boot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { MemoryLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/persistence/db.js';
import { openSqliteBackend } from '../../../src/persistence/sqlite-backend.js';
import { openTerminal } from './terminal.js';
import { miniAgenda } from '../../fixtures/mini-agenda.js';

describe('introductions in the shell (one person at the terminal, so a group is printed)', () => {
  it('prints the introduction as a post after the person at the terminal asks for it', async () => {
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const delivery = new DeliveryPorts();
    const core = await bootCore({
      agenda: miniAgenda,
      backend: openSqliteBackend(openDatabase(':memory:')),
      clock,
      logger: new MemoryLogger(),
      delivery,
    });
    // The terminal's person ('you') and a colleague 'kim' marked 3.6.1-p1 Interested; kim said yes to introductions.
    for (const user of ['you', 'kim']) {
      await core.services.subscriptions.addInterest(
        'shell',
        'local',
        user,
        '3.6.1-p1',
        'digest:1:2026-W10',
        clock.now(),
      );
    }
    await core.services.introductions.setOptedIn({ platform: 'shell', tenantId: 'local' }, 'kim', true, clock.now());
    const terminal = openTerminal(core.dispatcher, delivery);

    terminal.type('/agenda introduce 3.6.1-p1');
    await terminal.seen('Your introductions are off');
    terminal.type('/agenda introductions on');
    await terminal.seen('Introductions are on.');
    terminal.type('/agenda introduce 3.6.1-p1');
    await terminal.seen('over question 3.6.1-p1: look for the new group conversation.');
    expect(terminal.written()).toContain('An introduction: question 3.6.1-p1');
    expect(terminal.written()).toContain('What you share: Can backdoors survive fine-tuning?');
    await terminal.close();
  });
});
