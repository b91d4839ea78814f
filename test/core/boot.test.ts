import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootCore } from '../../src/boot.js';
import { createCatalog } from '../../src/core/agenda/catalog-impl.js';
import { AgendaHolder } from '../../src/core/agenda/holder.js';
import { AgendaValidationError, parseAgenda } from '../../src/core/agenda/load.js';
import { MemoryLogger } from '../../src/log.js';
import { openDatabase } from '../../src/persistence/db.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import { listItems } from '../helpers/replies.js';
import { AGENDA_PATH, makeContext, makeServices } from '../helpers/services.js';

function changedAgenda() {
  const document = JSON.parse(readFileSync(AGENDA_PATH, 'utf8'));
  document.challenges[11].title = 'Jailbreaks and injected instructions (renamed)';
  document.challenges[11].questions[0].text = 'Would a quokka-themed jailbreak benchmark change anything?';
  return parseAgenda(JSON.stringify(document), 'changed.json');
}

describe('bootCore', () => {
  it('indexes the agenda once per content, across restarts on the same database', async () => {
    const db = openDatabase(':memory:');
    const logger = new MemoryLogger();
    await bootCore({ agendaPath: AGENDA_PATH, backend: openSqliteBackend(db), logger });
    await bootCore({ agendaPath: AGENDA_PATH, backend: openSqliteBackend(db), logger });
    expect(logger.records.filter((r) => r.message === 'agenda indexed')).toHaveLength(1);
  });

  it('fails with every problem when the agenda file is unusable', async () => {
    const backend = openSqliteBackend(openDatabase(':memory:'));
    await expect(bootCore({ agendaPath: '/nonexistent/agenda.json', backend })).rejects.toThrow(AgendaValidationError);
  });

  it('swaps the agenda on reload: commands and search see the new one', async () => {
    const { dispatcher, agenda, services } = await makeServices();
    const ctx = makeContext();
    await agenda.replace(createCatalog(changedAgenda()));
    expect(services.agenda().challenge('3.5')?.title).toBe('Jailbreaks and injected instructions (renamed)');
    const found = await dispatcher.runText('agenda', 'search quokka', ctx);
    expect(listItems(found).map((i) => i.id)).toEqual(['3.5.1-p1']);
  });
});

describe('AgendaHolder', () => {
  it('keeps the old catalog when preparing the new one fails', async () => {
    const { services } = await makeServices();
    const old = services.agenda();
    const holder = new AgendaHolder(old, () => {
      throw new Error('disk full');
    });
    await expect(holder.replace(createCatalog(changedAgenda()))).rejects.toThrow('disk full');
    expect(holder.current()).toBe(old);
  });
});
