import { describe, expect, it } from 'vitest';
import { isoWeek, localParts, zonedToUtc } from '../../src/core/time/zoned.js';
import { nextOccurrence, type WeeklyRule } from '../../src/core/time/weekly.js';

function at(zone: string, date: string, time: string): string {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return zonedToUtc({ year, month, day }, { hour, minute }, zone).toISOString();
}

// Expected instants worked out by hand from each zone's published rules.
describe('local time to UTC on transition days', () => {
  it.each([
    // zone, local date, local time, expected UTC, why
    ['America/New_York', '2024-03-03', '09:00', '2024-03-03T14:00:00.000Z', 'EST, -5'],
    ['America/New_York', '2024-03-10', '09:00', '2024-03-10T13:00:00.000Z', 'EDT, -4'],
    ['America/New_York', '2024-03-10', '02:30', '2024-03-10T07:00:00.000Z', 'gap 02:00-03:00: at 03:00 EDT'],
    ['America/New_York', '2024-11-03', '01:30', '2024-11-03T05:30:00.000Z', 'twice: first (EDT)'],
    ['America/New_York', '2024-11-03', '02:30', '2024-11-03T07:30:00.000Z', 'after the overlap, EST'],
    ['Europe/Berlin', '2024-03-31', '02:30', '2024-03-31T01:00:00.000Z', 'gap 02:00-03:00: at 03:00 CEST'],
    ['Europe/Berlin', '2024-03-31', '09:00', '2024-03-31T07:00:00.000Z', 'CEST, +2'],
    ['Europe/Berlin', '2024-10-27', '02:30', '2024-10-27T00:30:00.000Z', 'twice: first (CEST)'],
    ['Europe/Berlin', '2024-10-27', '09:00', '2024-10-27T08:00:00.000Z', 'CET, +1'],
    ['Australia/Lord_Howe', '2024-10-06', '02:15', '2024-10-05T15:30:00.000Z', '30-min gap 02:00-02:30'],
    ['Australia/Lord_Howe', '2024-10-06', '09:00', '2024-10-05T22:00:00.000Z', '+11'],
    ['Australia/Lord_Howe', '2024-04-07', '01:45', '2024-04-06T14:45:00.000Z', 'twice 01:30-02:00: first (+11)'],
    ['Australia/Lord_Howe', '2024-04-07', '09:00', '2024-04-06T22:30:00.000Z', '+10:30'],
    ['Pacific/Chatham', '2024-09-29', '03:00', '2024-09-28T14:00:00.000Z', 'gap 02:45-03:45 (+12:45 to +13:45)'],
    ['Pacific/Chatham', '2024-09-29', '09:00', '2024-09-28T19:15:00.000Z', '+13:45'],
    ['Pacific/Chatham', '2024-04-07', '03:00', '2024-04-06T13:15:00.000Z', 'twice 02:45-03:45: first (+13:45)'],
    ['America/Havana', '2024-03-10', '00:00', '2024-03-10T05:00:00.000Z', 'midnight does not exist: 01:00 CDT'],
    ['America/Havana', '2024-03-10', '00:30', '2024-03-10T05:00:00.000Z', 'gap 00:00-01:00'],
    ['America/Havana', '2024-11-03', '00:30', '2024-11-03T04:30:00.000Z', 'twice 00:00-01:00: first (CDT)'],
    ['America/Havana', '2024-11-03', '09:00', '2024-11-03T14:00:00.000Z', 'CST, -5'],
    ['Pacific/Auckland', '2024-09-29', '02:30', '2024-09-28T14:00:00.000Z', 'gap 02:00-03:00: at 03:00 NZDT'],
    ['Pacific/Auckland', '2024-04-07', '02:30', '2024-04-06T13:30:00.000Z', 'twice 02:00-03:00: first (NZDT)'],
    ['Pacific/Auckland', '2024-04-07', '09:00', '2024-04-06T21:00:00.000Z', 'NZST, +12'],
    ['Asia/Tokyo', '2024-03-10', '09:00', '2024-03-10T00:00:00.000Z', 'no DST, +9'],
    ['Asia/Tokyo', '2024-11-03', '00:30', '2024-11-02T15:30:00.000Z', 'no DST, +9'],
    ['UTC', '2024-03-31', '02:30', '2024-03-31T02:30:00.000Z', 'UTC'],
  ])('%s %s %s → %s (%s)', (zone, date, time, expected) => {
    expect(at(zone, date, time)).toBe(expected);
  });
});

describe('weekly occurrences across transitions', () => {
  it('Sundays 02:30 in New York step over the gap and the overlap once each', () => {
    const rule: WeeklyRule = { weekday: 0, time: { hour: 2, minute: 30 }, zone: 'America/New_York' };
    const seen: string[] = [];
    let cursor = new Date('2024-03-01T00:00:00Z');
    for (let i = 0; i < 3; i++) {
      const next = nextOccurrence(rule, cursor);
      seen.push(`${next.at.toISOString()} ${next.week}`);
      cursor = next.at;
    }
    expect(seen).toEqual([
      '2024-03-03T07:30:00.000Z 2024-W09',
      '2024-03-10T07:00:00.000Z 2024-W10',
      '2024-03-17T06:30:00.000Z 2024-W11',
    ]);
  });

  it('every two weeks from an anchor skips the off weeks', () => {
    const rule: WeeklyRule = {
      weekday: 3,
      time: { hour: 18, minute: 0 },
      zone: 'Europe/Berlin',
      everyWeeks: 2,
      anchor: { year: 2024, month: 1, day: 10 },
    };
    const first = nextOccurrence(rule, new Date('2024-01-11T00:00:00Z'));
    expect(first.at.toISOString()).toBe('2024-01-24T17:00:00.000Z');
    expect(nextOccurrence(rule, first.at).at.toISOString()).toBe('2024-02-07T17:00:00.000Z');
  });

  it('ISO weeks at year boundaries', () => {
    expect(isoWeek({ year: 2024, month: 12, day: 30 })).toBe('2025-W01');
    expect(isoWeek({ year: 2021, month: 1, day: 3 })).toBe('2020-W53');
    expect(isoWeek({ year: 2026, month: 11, day: 26 })).toBe('2026-W48');
  });
});

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Havana',
  'Pacific/Auckland',
  'Asia/Tokyo',
  'UTC',
];
const TIMES = ['00:00', '00:30', '01:30', '02:00', '02:15', '02:30', '02:45', '03:00', '09:00', '23:59'];

describe('two years of weeks in every zone (property)', () => {
  it.each(ZONES)('%s: one post per week, at the chosen local time or the first instant after a gap', (zone) => {
    for (const time of TIMES) {
      const [hour = 0, minute = 0] = time.split(':').map(Number);
      for (const weekday of [0, 1, 6] as const) {
        const rule: WeeklyRule = { weekday, time: { hour, minute }, zone };
        let cursor = new Date('2024-01-01T00:00:00Z');
        const weeks = new Set<string>();
        let previous: Date | undefined;
        for (let i = 0; i < 104; i++) {
          const next = nextOccurrence(rule, cursor);
          const local = localParts(next.at, zone);
          const exact = local.hour === hour && local.minute === minute && local.weekday === weekday;
          if (!exact) {
            // Only allowed in a gap: one minute earlier, the zone's clock reads before the chosen time.
            // Compared as wall-clock readings, so a gap that starts at midnight (Havana) is handled.
            const before = localParts(new Date(next.at.getTime() - 60_000), zone);
            const reading = (p: typeof local, h = p.hour, m = p.minute): number =>
              Date.UTC(p.year, p.month - 1, p.day, h, m);
            const label = `${zone} ${time} ${next.at.toISOString()}`;
            expect(local.weekday, label).toBe(weekday);
            expect(reading(before) < reading(local, hour, minute), label).toBe(true);
            expect(reading(local) > reading(local, hour, minute), label).toBe(true);
          }
          if (previous) {
            const days = (next.at.getTime() - previous.getTime()) / 86_400_000;
            expect(days).toBeGreaterThan(6.9);
            expect(days).toBeLessThan(7.1);
          }
          expect(weeks.has(next.week)).toBe(false);
          weeks.add(next.week);
          previous = next.at;
          cursor = next.at;
        }
        expect(weeks.size).toBe(104);
      }
    }
  });
});
