/**
 * Zone rules that changed in the 2026 IANA releases, which the runtime's bundled data
 * (Node 20: 2025c) does not have. Expected values are written by hand from the release
 * notes: Morocco (Africa/Casablanca) follows a new rule from 2026-09-20 and stays on
 * UTC+00 from then on; British Columbia (America/Vancouver, UTC-7 in summer) and Alberta
 * (America/Edmonton, UTC-6 in summer) no longer fall back on 2026-11-01.
 */
import { describe, expect, it } from 'vitest';
import { weekOf, nextOccurrence } from '../../src/core/time/weekly.js';
import { localParts, offsetMinutes, zonedToUtc } from '../../src/core/time/zoned.js';
import { staleRuntimeZoneData, tzdataHasZone, tzdataVersion } from '../../src/core/time/tzdata.js';

const utc = (iso: string): number => Date.parse(iso);

describe('2026 rule changes come from the bundled IANA data, not the runtime', () => {
  it.each([
    // zone, instant, offset in minutes east, why
    ['Africa/Casablanca', '2026-09-19T12:00:00Z', 60, 'before the change: UTC+01'],
    ['Africa/Casablanca', '2026-09-21T12:00:00Z', 0, 'from 2026-09-20: UTC+00'],
    ['Africa/Casablanca', '2027-01-15T12:00:00Z', 0, 'and it stays there'],
    ['America/Vancouver', '2026-10-31T12:00:00Z', -420, 'summer time, as before'],
    ['America/Vancouver', '2026-11-02T12:00:00Z', -420, 'no fall-back on 2026-11-01'],
    ['America/Vancouver', '2027-01-15T12:00:00Z', -420, 'UTC-7 all winter'],
    ['America/Edmonton', '2026-10-31T12:00:00Z', -360, 'summer time, as before'],
    ['America/Edmonton', '2026-11-02T12:00:00Z', -360, 'no fall-back on 2026-11-01'],
    ['America/Edmonton', '2027-01-15T12:00:00Z', -360, 'UTC-6 all winter'],
    ['America/Toronto', '2026-11-02T12:00:00Z', -300, 'unchanged zones still fall back (EST)'],
  ])('%s at %s is %i minutes (%s)', (zone, instant, expected) => {
    expect(offsetMinutes(utc(instant), zone)).toBe(expected);
  });

  it('a Monday 09:00 post is scheduled at the right instant after the change', () => {
    const nineOn = (year: number, month: number, day: number, zone: string): string =>
      zonedToUtc({ year, month, day }, { hour: 9, minute: 0 }, zone).toISOString();
    expect(nineOn(2026, 11, 2, 'America/Vancouver')).toBe('2026-11-02T16:00:00.000Z');
    expect(nineOn(2026, 11, 2, 'America/Edmonton')).toBe('2026-11-02T15:00:00.000Z');
    expect(nineOn(2026, 9, 21, 'Africa/Casablanca')).toBe('2026-09-21T09:00:00.000Z');
  });

  it('weekly rules and local readings follow the new offsets', () => {
    const rule = { weekday: 1, time: { hour: 9, minute: 0 }, zone: 'America/Vancouver' } as const;
    expect(nextOccurrence(rule, new Date('2026-10-30T00:00:00Z')).at.toISOString()).toBe('2026-11-02T16:00:00.000Z');
    const vancouver = localParts(new Date('2026-11-02T16:00:00Z'), 'America/Vancouver');
    expect(vancouver).toMatchObject({ day: 2, hour: 9, minute: 0, weekday: 1 });
    const casablanca = localParts(new Date('2026-09-21T09:00:00Z'), 'Africa/Casablanca');
    expect(casablanca).toMatchObject({ day: 21, hour: 9, weekday: 1 });
    expect(weekOf(new Date('2026-11-02T07:30:00Z'), 'America/Vancouver')).toBe('2026-W45');
  });

  it('holds every zone name the runtime accepts, so none falls back to the runtime rules', () => {
    const missing = ['UTC', ...Intl.supportedValuesOf('timeZone')].filter((zone) => !tzdataHasZone(zone));
    expect(missing).toEqual([]);
  });

  it('is at least the 2026 release that has these changes', () => {
    expect(tzdataVersion() >= '2026a').toBe(true);
  });

  it('warns when the runtime data is older than the bundled data, and only then', () => {
    const warning = staleRuntimeZoneData('2025c');
    expect(warning).toMatch(/^The runtime's time-zone data \(2025c\) is older than the bot's \(20\d\d[a-z]/u);
    expect(staleRuntimeZoneData(undefined)).toMatch(/\(unknown\) is older/u);
    expect(staleRuntimeZoneData('9999z')).toBeUndefined();
  });
});

describe('the reader of the packed data agrees with moment-timezone, which packs it', () => {
  it('gives the same offset as moment-timezone for every zone, twice a year from 1900 to 2040', async () => {
    const { default: moment } = await import('moment-timezone');
    const disagreements: string[] = [];
    for (const zone of moment.tz.names()) {
      const theirs = moment.tz.zone(zone);
      for (let year = 1900; year <= 2040; year += 1) {
        for (const instant of [Date.UTC(year, 0, 15, 12), Date.UTC(year, 6, 15, 12)]) {
          // moment counts minutes west, as Date#getTimezoneOffset does.
          const expected = -(theirs?.utcOffset(instant) ?? Number.NaN);
          const ours = offsetMinutes(instant, zone);
          if (ours !== Math.round(expected) + 0) disagreements.push(`${zone} ${new Date(instant).toISOString()}`);
        }
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
