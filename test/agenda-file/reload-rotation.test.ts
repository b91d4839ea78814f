/**
 * Imported questions reach the weekly rotation, a question removed by a reload is
 * skipped, and a reload in the middle of a sweep leaves no half state.
 */
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { watchAgenda, type AgendaWatcher } from '../../src/agenda-file/watch-agenda.js';
import { agendaContentHash } from '../../src/core/agenda/load.js';
import { ManualClock } from '../../src/core/clock.js';
import { createSweeper } from '../../src/core/jobs/features.js';
import { scheduledFeatures } from '../../src/core/features/index.js';
import { spansToPlain, type Reply } from '../../src/core/message.js';
import { DeliveryPorts, type Destination, type PostedMessage } from '../../src/core/ports.js';
import { MemoryLogger } from '../../src/log.js';
import { MemoryDeliveryPort } from '../fakes/memory-delivery.js';
import { agendaCopy, cli, fixture } from '../cli/run-cli.js';
import { makeServices } from '../helpers/services.js';

/** A port whose posts wait until the test opens the gate, so a sweep can be caught mid-way. */
class GatedPort extends MemoryDeliveryPort {
  gate: Promise<void> | undefined;
  reached: () => void = () => undefined;
  override async post(destination: Destination, reply: Reply, key: string): Promise<PostedMessage> {
    this.reached();
    if (this.gate) await this.gate;
    return super.post(destination, reply, key);
  }
}

let watcher: AgendaWatcher | undefined;
afterEach(() => watcher?.stop());

async function setup(port = new MemoryDeliveryPort('shell')) {
  const { path } = agendaCopy();
  await cli(['import', fixture('clean.md'), '--agenda', path]);
  const ports = new DeliveryPorts();
  ports.add(port);
  // Monday 4 March 2024, 09:00 UTC: the subscription's weekly slot.
  const clock = new ManualClock('2024-03-04T09:00:00Z');
  const logger = new MemoryLogger();
  const core = await makeServices({ agendaPath: path, delivery: ports, clock, logger });
  const subscription = await core.services.subscriptions.create({
    platform: 'shell',
    tenantId: 'T1',
    target: { kind: 'channel', channelId: 'C1' },
    ownerId: 'U1',
    weekday: 1,
    time: { hour: 9, minute: 0 },
    zone: 'UTC',
    scope: '3.5',
    origin: 'paper',
    order: 'agenda',
    count: 1,
    seed: 7,
    nextDueAt: clock.now(),
    createdAt: clock.now(),
  });
  const sweeper = createSweeper(core.services, scheduledFeatures, { inFlight: new Map() });
  watcher = watchAgenda({
    path,
    holder: core.agenda,
    backend: core.backend,
    logger,
    signals: new EventEmitter(),
    watchFile: false,
  });
  const posted = async () => (await core.services.subscriptions.history(subscription.id)).map((h) => h.questionId);
  const nextWeek = () => clock.advance(7 * 86_400_000);
  return { path, core, clock, logger, sweeper, watcher, posted, nextWeek, port };
}

/** Removes one question from the agenda file on disk. */
function removeQuestion(path: string, id: string): void {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { challenges: { questions: { id: string }[] }[] };
  for (const challenge of doc.challenges) challenge.questions = challenge.questions.filter((q) => q.id !== id);
  writeFileSync(path, JSON.stringify(doc, null, 2));
}

const cardText = (reply: Reply) =>
  reply.blocks
    .flatMap((b) => {
      if ('spans' in b) return [spansToPlain(b.spans)];
      if (b.kind === 'list') return b.items.map((i) => `${i.id} ${spansToPlain(i.text)}`);
      if (b.kind === 'fields') return b.fields.map((f) => `${f.label}: ${spansToPlain(f.value)}`);
      return [];
    })
    .join('\n');

describe('imported questions in the weekly rotation', () => {
  it('posts the imported paper question 3.5-q4, and skips one that a reload removed', async () => {
    const { path, sweeper, watcher, posted, nextWeek, port, logger } = await setup();
    await sweeper.sweep();
    nextWeek();
    await sweeper.sweep();
    // Agenda order is subsection by subsection: 3.5-q1 (§3.5.1), 3.5-q4 (§3.5.2), 3.5-q2, 3.5-q3.
    expect(await posted()).toEqual(['3.5-q1', '3.5-q4']);
    const card = cardText(port.postsIn('C1')[1]?.reply as Reply);
    expect(card).toContain('Origin: From the paper, §3.5.2');
    expect(card).toContain('3.5-q4 How can an assistant that reads retrieved web pages keep apart');

    removeQuestion(path, '3.5-q2');
    expect(await watcher.reload()).toMatchObject({ status: 'reloaded', removed: 1 });
    nextWeek();
    await sweeper.sweep();
    nextWeek();
    await sweeper.sweep();
    // 3.5-q2 is gone, so the round ends with 3.5-q3 and the next starts again at 3.5-q1.
    expect(await posted()).toEqual(['3.5-q1', '3.5-q4', '3.5-q3', '3.5-q1']);
    expect(logger.records.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('a reload while a sweep is posting leaves no half state', async () => {
    const port = new GatedPort('shell');
    let open: () => void = () => undefined;
    port.gate = new Promise<void>((resolve) => (open = resolve));
    const reached = new Promise<void>((resolve) => (port.reached = resolve));
    const { path, core, sweeper, watcher, posted, nextWeek, logger } = await setup(port);
    const before = core.services.agenda();

    const sweep = sweeper.sweep();
    await reached; // the sweep planned 3.5-q1 with the old agenda and is now posting it
    expect(await posted()).toEqual(['3.5-q1']);

    removeQuestion(path, '3.5-q1');
    removeQuestion(path, '3.5-q4');
    expect(await watcher.reload()).toMatchObject({ status: 'reloaded', removed: 2 });

    // The new agenda is current, and the search index is exactly that agenda's.
    const after = core.services.agenda();
    expect(after).not.toBe(before);
    expect(after.question('3.5-q1')).toBeUndefined();
    const meta = core.db.prepare('SELECT agenda_hash FROM agenda_index_meta').get() as { agenda_hash: string };
    expect(meta.agenda_hash).toBe(agendaContentHash(after.agenda));
    const hits = (await core.services.search.search('jailbreak prompt injection instructions', {}, 500)).hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const found =
        hit.kind === 'question'
          ? after.question(hit.id)
          : hit.kind === 'challenge'
            ? after.challenge(hit.id)
            : after.subsection(hit.id);
      expect(found, `search hit ${hit.id} is in the current agenda`).toBeDefined();
    }
    expect(
      (await core.services.search.search('retrieved web pages operator planted', { origin: 'paper' }, 10)).total,
    ).toBe(0);

    open();
    await sweep;
    // The post planned before the reload went out whole, as planned.
    expect(cardText(port.postsIn('C1')[0]?.reply as Reply)).toContain('3.5-q1 Is there a shared internal feature');

    nextWeek();
    await sweeper.sweep();
    // The next pick uses the new agenda: 3.5-q4 is gone, so 3.5-q2 comes next.
    expect(await posted()).toEqual(['3.5-q1', '3.5-q2']);
    expect(logger.records.filter((r) => r.level === 'error')).toEqual([]);
  });
});
