/** The iCalendar text rules: folding, escaping, parameter quoting, date and offset forms. */
import { describe, expect, it } from 'vitest';
import {
  ContentLines,
  escapeText,
  foldLine,
  localDateTime,
  paramValue,
  utcDateTime,
  utcOffset,
} from '../../../src/core/features/calendar/ical.js';

const octets = (line: string): number => Buffer.byteLength(line, 'utf8');

describe('folding content lines', () => {
  it('leaves a line of exactly 75 octets alone and folds the 76th onto a continuation line', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
  });

  it('counts the leading space of a continuation line, so each holds 74 octets of content', () => {
    const folded = foldLine('b'.repeat(75 + 74 + 3));
    expect(folded).toBe(`${'b'.repeat(75)}\r\n ${'b'.repeat(74)}\r\n bbb`);
  });

  it('never splits a UTF-8 sequence: a two-octet letter that would end at octet 76 moves to the next line', () => {
    // 74 ASCII octets, then "é" (2 octets) would make 76.
    const folded = foldLine(`${'c'.repeat(74)}é!`);
    expect(folded).toBe(`${'c'.repeat(74)}\r\n é!`);
    expect(folded.split('\r\n').map(octets)).toEqual([74, 4]);
  });

  it('keeps four-octet characters (emoji) whole and every line within 75 octets', () => {
    const folded = foldLine(`SUMMARY:${'📅'.repeat(40)}`);
    const lines = folded.split('\r\n');
    expect(lines.map(octets)).toEqual([8 + 16 * 4, 1 + 18 * 4, 1 + 6 * 4]);
    expect(lines.join('').replace(/ (?=📅)/gu, '')).toBe(`SUMMARY:${'📅'.repeat(40)}`);
  });
});

describe('escaping', () => {
  it('escapes backslash, semicolon and comma, and writes every kind of line break as \\n', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('drops control characters other than tab, which iCalendar text may not hold', () => {
    expect(escapeText('bell\u0007 tab\tend\u001b')).toBe('bell tab\tend');
  });

  it('quotes parameter values holding : ; or , and turns double quotes into single ones', () => {
    expect(paramValue('Europe/Berlin')).toBe('Europe/Berlin');
    expect(paramValue('Safety RG: core; team, 2')).toBe('"Safety RG: core; team, 2"');
    expect(paramValue('The "Safety" RG')).toBe("The 'Safety' RG");
  });
});

describe('date-time and offset forms', () => {
  it('writes UTC and local date-times', () => {
    expect(utcDateTime(new Date('2027-01-14T16:05:09Z'))).toBe('20270114T160509Z');
    expect(localDateTime({ year: 2027, month: 3, day: 8, hour: 7, minute: 5 })).toBe('20270308T070500');
  });

  it('writes offsets east and west, with half and three-quarter hours', () => {
    expect([utcOffset(60), utcOffset(120), utcOffset(0), utcOffset(-210), utcOffset(345), utcOffset(-300)]).toEqual([
      '+0100',
      '+0200',
      '+0000',
      '-0330',
      '+0545',
      '-0500',
    ]);
  });
});

describe('content lines', () => {
  it('ends every line, the last one too, with CRLF and folds long ones', () => {
    const lines = new ContentLines().begin('VCALENDAR').text('X-NOTE', `${'x'.repeat(70)}, more`);
    const text = lines.end('VCALENDAR').toString();
    expect(text).toBe(`BEGIN:VCALENDAR\r\nX-NOTE:${'x'.repeat(68)}\r\n xx\\, more\r\nEND:VCALENDAR\r\n`);
  });
});
