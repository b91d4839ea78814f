import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/agenda-file/write-atomic.js';

describe('writeFileAtomic', () => {
  it('replaces the file, keeps each previous version, and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'agenda.json');
    writeFileSync(path, 'v1');
    const at = new Date('2026-11-26T16:30:05.900Z');
    expect(writeFileAtomic(path, 'v2', at)).toEqual({ backupPath: `${path}.20261126T163005Z.bak` });
    expect(writeFileAtomic(path, 'v3', at)).toEqual({ backupPath: `${path}.20261126T163005Z.2.bak` });
    expect(readFileSync(path, 'utf8')).toBe('v3');
    expect(readFileSync(`${path}.20261126T163005Z.bak`, 'utf8')).toBe('v1');
    expect(readFileSync(`${path}.20261126T163005Z.2.bak`, 'utf8')).toBe('v2');
    expect(readdirSync(dir).sort()).toEqual([
      'agenda.json',
      'agenda.json.20261126T163005Z.2.bak',
      'agenda.json.20261126T163005Z.bak',
    ]);
  });

  it('creates a new file without a backup', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'new.json');
    expect(writeFileAtomic(path, '{}', new Date())).toEqual({});
    expect(readdirSync(dir)).toEqual(['new.json']);
  });

  it('fails cleanly when the folder does not exist', () => {
    expect(() => writeFileAtomic('/nonexistent-folder/agenda.json', '{}', new Date())).toThrow(/ENOENT/);
  });
});
