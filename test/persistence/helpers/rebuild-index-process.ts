/**
 * A process of its own that rebuilds the agenda index in a database file, as another bot process would after an
 * agenda change: `node --import tsx rebuild-index-process.ts <database> <agenda.json> <hash>`.
 */
import { loadAgenda } from '../../../src/core/agenda/load.js';
import { ensureIndexed } from '../../../src/persistence/agenda-index.js';
import { openDatabase } from '../../../src/persistence/db.js';

const [databasePath, agendaPath, hash] = process.argv.slice(2);
if (databasePath === undefined || agendaPath === undefined || hash === undefined) {
  throw new Error('usage: rebuild-index-process.ts <database> <agenda.json> <hash>');
}
const db = openDatabase(databasePath);
const rebuilt = ensureIndexed(db, loadAgenda(agendaPath), hash, new Date('2026-01-05T11:00:00Z'));
db.close();
process.stdout.write(rebuilt ? 'rebuilt' : 'unchanged');
