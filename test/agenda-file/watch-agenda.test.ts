import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { watchAgenda, type AgendaWatcher } from '../../src/agenda-file/watch-agenda.js';
import { AgendaHolder } from '../../src/core/agenda/holder.js';
import { spansToPlain, type Reply } from '../../src/core/message.js';
import { MemoryLogger } from '../../src/log.js';
import { agendaCopy, cli, fixture } from '../cli/run-cli.js';
import { makeContext, makeServices } from '../helpers/services.js';

/** A logger that can be awaited: resolves when a record with this message arrives. */
class WaitingLogger extends MemoryLogger {
  #waiters: { message: string; resolve: () => void }[] = [];
  override info(fields: object, message: string): void {
    super.info(fields, message);
    for (const w of this.#waiters.filter((w) => w.message === message)) w.resolve();
  }
  next(message: string): Promise<void> {
    return new Promise((resolve) => this.#waiters.push({ message, resolve }));
  }
}

const text = (reply: Reply): string =>
  [
    reply.summary,
    ...reply.blocks.flatMap((b) =>
      'spans' in b
        ? [spansToPlain(b.spans)]
        : b.kind === 'list'
          ? b.items.map((i) => `${i.id} ${spansToPlain(i.text)}`)
          : [],
    ),
  ].join('\n');

let watcher: AgendaWatcher | undefined;
afterEach(() => watcher?.stop());

async function setup(logger = new WaitingLogger()) {
  const { dir, path } = agendaCopy();
  const core = await makeServices({ agendaPath: path, logger });
  const signals = new EventEmitter();
  watcher = watchAgenda({ path, holder: core.agenda, backend: core.backend, logger, signals, watchFile: false });
  return { dir, path, core, signals, logger, watcher };
}

describe('agenda hot reload', () => {
  it('after an import and a reload, search finds the imported questions and question 3.5-q4 is the paper’s', async () => {
    const { path, core, watcher } = await setup();
    expect(core.services.agenda().question('3.5-q4')).toBeUndefined();
    await cli(['import', fixture('clean.md'), '--agenda', path]);
    expect(await watcher.reload()).toEqual({ status: 'reloaded', added: 5, removed: 0, questions: 111 });

    const hits = await core.services.search.search(
      'retrieved web pages operator instructions',
      { origin: 'paper' },
      10,
    );
    expect(hits.hits[0]).toMatchObject({ kind: 'question', id: '3.5-q4' });
    const reply = await core.dispatcher.runText('agenda', 'question 3.5-q4', makeContext());
    const shown = text(reply);
    expect(shown).toContain('From the paper (§3.5.2)');
    expect(shown).toContain('keep apart its operator');
    expect(shown).not.toContain('Discussion prompt');
  });

  it('keeps the current agenda and logs every problem when the new file is invalid', async () => {
    const { path, core, logger, watcher } = await setup();
    const before = core.services.agenda();
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { challenges: { questions: { section: string }[] }[] };
    const q = doc.challenges[0]?.questions[0];
    if (!q) throw new Error('agenda has no question');
    q.section = '9.9.9';
    writeFileSync(path, JSON.stringify(doc));
    const result = await watcher.reload();
    expect(result.status).toBe('rejected');
    expect(
      result.status === 'rejected' && result.problems.some((p) => p.startsWith('challenges[0].questions[0].section: ')),
    ).toBe(true);
    expect(core.services.agenda()).toBe(before);
    const warning = logger.records.find((r) => r.level === 'warn');
    expect(warning?.message).toBe('agenda file not reloaded: it has problems; the current agenda stays');
    // Search still answers from the old, consistent index.
    expect((await core.services.search.search('in-context learning', {}, 5)).total).toBeGreaterThan(0);
  });

  it('keeps the agenda when the file is half written or deleted', async () => {
    const { path, core, watcher } = await setup();
    const before = core.services.agenda();
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 5000));
    const half = await watcher.reload();
    expect(half.status === 'rejected' && half.problems[0]).toMatch(/^is not valid JSON at line \d+, column \d+/);
    expect(core.services.agenda()).toBe(before);
  });

  it('does nothing when the content did not change', async () => {
    const { watcher } = await setup();
    expect(await watcher.reload()).toEqual({ status: 'unchanged' });
  });

  it('reloads on SIGHUP', async () => {
    const { path, core, signals, logger } = await setup();
    await cli(['import', fixture('wrapped.txt'), '--agenda', path]);
    const reloaded = logger.next('agenda reloaded');
    signals.emit('SIGHUP');
    await reloaded;
    expect(core.services.agenda().question('3.4-q3')?.origin).toBe('paper');
  });

  it('reloads when the file is replaced on disk (atomic rename), through fs.watch', async () => {
    const logger = new WaitingLogger();
    const { path } = agendaCopy();
    const core = await makeServices({ agendaPath: path, logger });
    watcher = watchAgenda({
      path,
      holder: core.agenda,
      backend: core.backend,
      logger,
      signals: new EventEmitter(),
      debounceMs: 20,
    });
    const reloaded = logger.next('agenda reloaded');
    await cli(['import', fixture('headings.md'), '--agenda', path]);
    await reloaded;
    expect(core.services.agenda().question('3.5-q2')?.section).toBe('3.5.5');
  });

  it('rolls the search index back and keeps the catalog when making the new agenda current fails', async () => {
    const { path } = agendaCopy();
    const logger = new WaitingLogger();
    const core = await makeServices({ agendaPath: path, logger });
    const hashBefore = core.db.prepare('SELECT agenda_hash FROM agenda_index_meta').get();
    const before = core.agenda.current();
    const failing = new AgendaHolder(before, () => {
      throw new Error('disk full');
    });
    watcher = watchAgenda({
      path,
      holder: failing,
      backend: core.backend,
      logger,
      signals: new EventEmitter(),
      watchFile: false,
    });
    await cli(['import', fixture('clean.md'), '--agenda', path]);
    expect(await watcher.reload()).toEqual({ status: 'rejected', problems: ['could not be indexed (disk full)'] });
    expect(failing.current()).toBe(before);
    expect(core.db.prepare('SELECT agenda_hash FROM agenda_index_meta').get()).toEqual(hashBefore);
    expect(
      (await core.services.search.search('retrieved web pages operator planted', { origin: 'paper' }, 10)).total,
    ).toBe(0);
  });

  it('stops listening for SIGHUP when stopped', async () => {
    const { signals, watcher } = await setup();
    expect(signals.listenerCount('SIGHUP')).toBe(1);
    watcher.stop();
    expect(signals.listenerCount('SIGHUP')).toBe(0);
  });
});
