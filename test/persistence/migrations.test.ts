import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../src/persistence/db.js';
import { MIGRATIONS } from '../../src/persistence/migrations/index.js';

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

describe('migrations', () => {
  it('numbers migrations uniquely and in order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(1);
  });

  it('brings a fresh database to the latest version with WAL and foreign keys on', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'agendabot-db-')), 'fresh.db');
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(db)).toContain('agenda_index_meta');
    db.close();
  });

  it('upgrades a database from an older schema, applying only the newer migrations', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO agenda_index_meta (id, agenda_hash, indexed_at) VALUES (1, 'old', 'then')").run();
    migrate(db, MIGRATIONS);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.prepare('SELECT agenda_hash FROM agenda_index_meta').get()).toEqual({ agenda_hash: 'old' });
  });

  it('rolls back every migration of a failed upgrade, leaving the old schema and version', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const broken = [
      ...MIGRATIONS,
      { version: 900, name: 'good', sql: 'CREATE TABLE would_be_new (id INTEGER);' },
      { version: 901, name: 'bad', sql: 'CREATE TABLE oops (' },
    ];
    const before = tables(db);
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(before);
  });

  it('is a no-op when the database is already current', () => {
    const db = openDatabase(':memory:');
    const version = schemaVersion(db);
    migrate(db, MIGRATIONS);
    expect(schemaVersion(db)).toBe(version);
  });
});
