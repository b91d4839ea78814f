/**
 * A search remembers the index version it read, and reads it again only when the database may have changed
 * (`PRAGMA data_version`): a rebuild committed by another process must still show in the very next search.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { loadAgenda } from '../../src/core/agenda/load.js';
import { createAgendaSearch, ensureIndexed } from '../../src/persistence/agenda-index.js';
import { openDatabase } from '../../src/persistence/db.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';

const CHILD = join(import.meta.dirname, 'helpers', 'rebuild-index-process.ts');

/** Runs the rebuild in another node process; resolves with what it printed. */
async function rebuildInAnotherProcess(databasePath: string, agendaPath: string, hash: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', CHILD, databasePath, agendaPath, hash],
    { cwd: join(import.meta.dirname, '..', '..') },
  );
  return stdout;
}

it("sees another process's rebuild in the next search, and its own again after that", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agendabot-search-version-'));
  const databasePath = join(dir, 'bot.db');
  const changedPath = join(dir, 'changed-agenda.json');
  const document = JSON.parse(readFileSync(FIXTURE_AGENDA_PATH, 'utf8'));
  document.challenges[11].questions[0].text = 'Does the zyzzogeton attack transfer between models?';
  writeFileSync(changedPath, JSON.stringify(document));

  const db = openDatabase(databasePath);
  try {
    ensureIndexed(db, loadAgenda(FIXTURE_AGENDA_PATH), 'hash-1');
    const search = createAgendaSearch(db);
    const zyzzogeton = () => search.search('zyzzogeton', {}, 5).hits.map((h) => h.id);
    expect(zyzzogeton()).toEqual([]);
    expect(zyzzogeton()).toEqual([]);

    expect(await rebuildInAnotherProcess(databasePath, changedPath, 'hash-2')).toBe('rebuilt');
    expect(zyzzogeton()).toEqual(['3.5.1-p1']);

    ensureIndexed(db, loadAgenda(FIXTURE_AGENDA_PATH), 'hash-1');
    expect(zyzzogeton()).toEqual([]);
  } finally {
    db.close();
  }
});
