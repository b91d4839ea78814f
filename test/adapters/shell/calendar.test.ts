import { describe, expect, it } from 'vitest';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { makeServices } from '../../helpers/services.js';
import { runScript } from './terminal.js';

describe('reading-group calendars in the shell', () => {
  it('prints the .ics file through the shell port, and says that a feed needs HTTP mode', async () => {
    const delivery = new DeliveryPorts();
    const core = await makeServices({ delivery });
    const text = await runScript(
      core.dispatcher,
      delivery,
      '/readinggroup create name:"Shell RG" syllabus:2.1,2.2 start=2026-01-15\n/readinggroup calendar\n',
      'ana',
    );
    expect(text).toContain('Shell RG: calendar of 2 sessions (shell-rg.ics)');
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('UID:shell-local-rg1-s2@agendabot');
    expect(text).toContain('END:VCALENDAR');
    expect(text).toContain('Posted the calendar of "Shell RG" (2 sessions) as shell-rg.ics');
    expect(text).toContain('A subscribable calendar feed needs the bot to serve web requests');
  });
});
