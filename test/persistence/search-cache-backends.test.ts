/**
 * Remembered search results on every backend: a rebuild of the index by another process on the same database
 * (a peer backend here) must show in this process's very next search, and the results must not change.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { agendaContentHash, loadAgenda, parseAgenda } from '../../src/core/agenda/load.js';
import { FIXTURE_AGENDA_PATH } from '../fixtures/agenda.js';
import { describeEachBackend, freshStorage } from './contract/backends.js';

const agenda = loadAgenda(FIXTURE_AGENDA_PATH);
const ids = (result: { hits: readonly { id: string }[] }) => result.hits.map((h) => h.id);

function agendaWithZyzzogeton() {
  const document = JSON.parse(readFileSync(FIXTURE_AGENDA_PATH, 'utf8'));
  document.challenges[11].questions[0].text = 'Does the zyzzogeton attack transfer between models?';
  return parseAgenda(JSON.stringify(document), 'changed');
}

describeEachBackend('remembered search results', (backend) => {
  const storage = freshStorage(backend, { shared: true });

  it('gives the same answer when asked again', async () => {
    const { backend: mine } = storage();
    await mine.ensureIndexed(agenda, agendaContentHash(agenda), new Date('2026-01-05T10:00:00Z'));
    const first = await mine.search.search('jailbreak', {}, 5);
    expect(first.total).toBeGreaterThan(5);
    expect(await mine.search.search('Jailbreak', {}, 5)).toEqual(first);
    expect(ids(await mine.search.search('jailbreak', {}, 2))).toEqual(ids(first).slice(0, 2));
  });

  it("sees another process's rebuild in the next search", async () => {
    const { backend: mine } = storage();
    const theirs = await storage().peer();
    await mine.ensureIndexed(agenda, agendaContentHash(agenda), new Date('2026-01-05T10:00:00Z'));
    expect(await mine.search.search('zyzzogeton', {}, 5)).toEqual({ hits: [], total: 0 });
    const changed = agendaWithZyzzogeton();
    expect(await theirs.ensureIndexed(changed, agendaContentHash(changed), new Date('2026-01-05T11:00:00Z'))).toBe(
      true,
    );
    expect(ids(await mine.search.search('zyzzogeton', {}, 5))).toEqual(['3.5.1-p1']);
  });
});
