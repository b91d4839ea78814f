import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createShell } from '../../../adapters/shell/index.js';
import { localizeTimes } from '../../../adapters/shell/local-times.js';
import { ManualClock } from '../../../src/core/clock.js';
import type { Reply } from '../../../src/core/message.js';
import { DeliveryPorts } from '../../../src/core/ports.js';
import { makeServices } from '../../helpers/services.js';

/** Runs shell commands at a fixed time with the terminal in `timeZone`, and returns what it printed. */
async function shellOutput(commands: readonly string[], timeZone: string, now: string): Promise<string> {
  const delivery = new DeliveryPorts();
  const core = await makeServices({ delivery, clock: new ManualClock(now) });
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const { dispatcher } = core;
  const shell = createShell({ dispatcher, input, output, interactive: false, userName: 'ana', timeZone });
  delivery.add(shell.delivery);
  input.end(`${commands.join('\n')}\n`);
  await shell.session.run();
  return chunks.join('');
}

describe('the shell shows times in its own time zone, and names it', () => {
  it('weekly subscriptions: next post and preview in the terminal’s zone, not UTC', async () => {
    // Mondays 09:00 in Berlin (UTC+1 in early March 2024) is 08:00 UTC, 03:00 in New York (EST, UTC-5).
    const text = await shellOutput(
      [
        '/agenda subscribe #terminal day=mon time=09:00 tz=Europe/Berlin',
        '/agenda subscriptions',
        '/agenda digest preview 1',
      ],
      'America/New_York',
      '2024-03-04T06:00:00Z',
    );
    expect(text).toContain('Next: Monday 2024-03-04 03:00 (America/New_York).');
    expect(text).toContain('(Due Monday 2024-03-04 03:00 (America/New_York).)');
    expect(text).not.toMatch(/\d\d:\d\d UTC/u);
  });

  it('reading groups: the kickoff syllabus and the status show local dates and times', async () => {
    // Thursdays 18:00 in Berlin: 2026-01-15 17:00 UTC is Friday 02:00 in Tokyo (UTC+9, no DST).
    const text = await shellOutput(
      [
        '/readinggroup create name:"Shell RG" syllabus:2.1,2.2 day=thu time=18:00 tz=Europe/Berlin start=2026-01-15',
        '/readinggroup status',
      ],
      'Asia/Tokyo',
      '2026-01-05T09:00:00Z',
    );
    expect(text).toContain('Friday 2026-01-16 02:00 (Asia/Tokyo)');
    expect(text).not.toMatch(/\d\d:\d\d UTC/u);
  });

  it('every kind of block that carries spans is localized, across a daylight-saving change', () => {
    const at = (iso: string, style: 'full' | 'date' | 'time' | 'relative') => ({ time: new Date(iso), style });
    const reply: Reply = {
      visibility: 'channel',
      summary: 'plain',
      blocks: [
        { kind: 'text', spans: ['Before: ', at('2024-03-10T06:30:00Z', 'full')] },
        { kind: 'fields', fields: [{ label: 'After', value: [at('2024-03-10T07:30:00Z', 'full')] }] },
        { kind: 'list', items: [{ id: 'd', text: [at('2024-03-10T04:59:00Z', 'date')] }] },
        {
          kind: 'context',
          spans: [at('2024-11-03T05:30:00Z', 'time'), ' and ', at('2024-11-03T06:30:00Z', 'relative')],
        },
      ],
    };
    // New York leaves EST (UTC-5) at 2024-03-10 07:00 UTC and returns to it at 2024-11-03 06:00 UTC.
    expect(localizeTimes(reply, 'America/New_York').blocks).toEqual([
      { kind: 'text', spans: ['Before: ', 'Sunday 2024-03-10 01:30 (America/New_York)'] },
      { kind: 'fields', fields: [{ label: 'After', value: ['Sunday 2024-03-10 03:30 (America/New_York)'] }] },
      { kind: 'list', items: [{ id: 'd', text: ['Saturday 2024-03-09 (America/New_York)'] }] },
      {
        kind: 'context',
        spans: ['01:30 (America/New_York)', ' and ', 'Sunday 2024-11-03 01:30 (America/New_York)'],
      },
    ]);
  });
});
