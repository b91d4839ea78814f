import { describe, expect, it } from 'vitest';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { makeServices } from '../../helpers/services.js';
import { runScript } from './terminal.js';

describe('reading groups in the shell', () => {
  it('create prints the kickoff card, and its Join button works by number', async () => {
    const delivery = new DeliveryPorts();
    const core = await makeServices({ delivery });
    const text = await runScript(
      core.dispatcher,
      delivery,
      '/readinggroup create name:"Shell RG" syllabus:2.1,2.2 start=2026-01-15\n1\n/readinggroup members\n',
      'ana',
    );
    expect(text).toContain('Reading group: Shell RG');
    expect(text).toContain(
      'Created "Shell RG" with 2 sessions; you are its organiser. The kickoff card is in this channel.',
    );
    expect(text).toContain('You joined "Shell RG".');
    expect(text).toContain('== Shell RG: 1 member ==');
  });
});
