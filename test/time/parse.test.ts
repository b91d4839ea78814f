import { describe, expect, it } from 'vitest';
import { parseTimeOfDay, parseTimeZone, parseWeekday } from '../../src/core/time/parse.js';

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('day=, time=, tz= as people type them', () => {
  it('reads weekdays by any unambiguous prefix', () => {
    expect(parseWeekday('mon')).toBe(1);
    expect(parseWeekday('Thursday')).toBe(4);
    expect(parseWeekday('SU')).toBe(0);
    expect(messageOf(() => parseWeekday('t'))).toBe(
      'day=t is not a day of the week (use mon, tue, wed, thu, fri, sat or sun).',
    );
    expect(messageOf(() => parseWeekday('monday2'))).toBe(
      'day=monday2 is not a day of the week (use mon, tue, wed, thu, fri, sat or sun).',
    );
  });

  it('reads 24-hour times and refuses others with the accepted form', () => {
    expect(parseTimeOfDay('09:00')).toEqual({ hour: 9, minute: 0 });
    expect(parseTimeOfDay('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(messageOf(() => parseTimeOfDay('25:00'))).toBe(
      'time=25:00 is not a time of day (use HH:MM, 24-hour, e.g. 09:00 or 17:30).',
    );
    expect(messageOf(() => parseTimeOfDay('9am'))).toBe(
      'time=9am is not a time of day (use HH:MM, 24-hour, e.g. 09:00 or 17:30).',
    );
    expect(messageOf(() => parseTimeOfDay('12:60'))).toBe(
      'time=12:60 is not a time of day (use HH:MM, 24-hour, e.g. 09:00 or 17:30).',
    );
  });

  it('reads zones case-insensitively, canonicalises links, and suggests the nearest for typos', () => {
    expect(parseTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(parseTimeZone('UTC')).toBe('UTC');
    expect(parseTimeZone('US/Eastern')).toBe('America/New_York');
    expect(messageOf(() => parseTimeZone('Europe/Berln'))).toBe(
      'tz=Europe/Berln is not a time zone; did you mean Europe/Berlin?',
    );
    expect(messageOf(() => parseTimeZone('Nowhere/Atall'))).toBe(
      'tz=Nowhere/Atall is not a time zone (use an IANA name such as Europe/Berlin, America/New_York or UTC).',
    );
  });
});
