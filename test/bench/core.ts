/**
 * Inside the core, no platform: search and autocomplete through the dispatcher over the
 * shipped agenda and over one grown to `importedQuestions` questions, and the sweep's
 * planning time for `dueSubscriptions` subscriptions all due at once.
 */
import { join } from 'node:path';
import { bootCore } from '../../src/boot.js';
import { ManualClock } from '../../src/core/clock.js';
import type { CommandContext } from '../../src/core/context.js';
import { loadAgenda } from '../../src/core/agenda/load.js';
import type { Agenda, Question } from '../../src/core/agenda/model.js';
import { planDueDigests } from '../../src/core/features/weekly-question/planner.js';
import { openDatabase } from '../../src/persistence/db.js';
import { openSqliteBackend } from '../../src/persistence/sqlite-backend.js';
import type { BenchOptions } from './options.js';
import { ROOT } from './processes.js';
import { fixed, percentile, printTable } from './stats.js';

const CTX: CommandContext = {
  actor: { platform: 'shell', tenantId: 'T1', userId: 'U1', displayName: 'Bench' },
  conversation: { platform: 'shell', tenantId: 'T1', channelId: 'C1' },
  isDirect: false,
};
const WORDS = [
  'reward',
  'hacking',
  'jailbreak',
  'oversight',
  'scaling',
  'agents',
  'honesty',
  'robustness',
  'privacy',
  'tools',
];

export async function run(options: BenchOptions): Promise<void> {
  const shipped = loadAgenda(join(ROOT, 'data/agenda.json'));
  const rows: string[][] = [];
  const total = (a: Agenda) => a.challenges.reduce((n, c) => n + c.questions.length, 0);
  for (const agenda of [shipped, grown(shipped, options.importedQuestions)]) {
    const label = `${total(agenda)} questions`;
    const { dispatcher } = await bootCore({ backend: openSqliteBackend(openDatabase(':memory:')), agenda });
    let fresh = 0;
    const timings: [string, () => Promise<unknown>][] = [
      ['search jailbreak', () => dispatcher.run('agenda', 'search', { words: 'jailbreak' }, CTX)],
      ['search reward hacking', () => dispatcher.run('agenda', 'search', { words: 'reward hacking' }, CTX)],
      // Never the same query twice, so no cached result helps: the cost of a search nobody asked before.
      [
        'search jailbreak <new word> (uncached)',
        () => dispatcher.run('agenda', 'search', { words: `jailbreak zq${(fresh += 1)}` }, CTX),
      ],
      // No entry has every word, so these rank the entries with any of the common words, from the lists kept
      // for them (search-top-lists.ts): FTS5 ranks only the entries with several of the words.
      [
        'search jailbreak oversight <new word> (uncached)',
        () => dispatcher.run('agenda', 'search', { words: `jailbreak oversight zq${(fresh += 1)}` }, CTX),
      ],
      [
        'search jailbreak oversight privacy <new word> (uncached)',
        () => dispatcher.run('agenda', 'search', { words: `jailbreak oversight privacy zq${(fresh += 1)}` }, CTX),
      ],
      ['autocomplete challenge "3."', () => dispatcher.complete('challenge', '3.', CTX)],
      ['autocomplete question "jail"', () => dispatcher.complete('question', 'jail', CTX)],
    ];
    for (const [name, call] of timings) {
      const samples = await time(call, options.coreN);
      rows.push([label, name, fixed(percentile(samples, 50), 3), fixed(percentile(samples, 99), 3)]);
    }
  }
  printTable(`Core, ms (${options.coreN} calls each)`, ['agenda', 'operation', 'p50', 'p99'], rows);
  const planMs = await sweepPlanning(shipped, options.dueSubscriptions);
  printTable(
    'Sweep planning',
    ['due subscriptions', 'total ms', 'ms per subscription'],
    [[String(options.dueSubscriptions), fixed(planMs, 0), fixed(planMs / Math.max(1, options.dueSubscriptions), 3)]],
  );
}

async function time(call: () => Promise<unknown>, n: number): Promise<number[]> {
  for (let i = 0; i < Math.min(200, n); i += 1) await call();
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** The shipped agenda plus prompts spread over every subsection, as an import would add them. */
function grown(agenda: Agenda, questions: number): Agenda {
  const subsections = agenda.challenges.flatMap((c) => c.subsections);
  const extra = new Map<string, Question[]>();
  for (let i = 0; i < questions; i += 1) {
    const sub = subsections[i % subsections.length];
    if (!sub) break;
    const list = extra.get(sub.challengeId) ?? [];
    const words = [WORDS[i % WORDS.length], WORDS[(i * 7) % WORDS.length], `topic${i % 997}`].join(' ');
    list.push({
      id: `${sub.section}-p${1000 + i}`,
      challengeId: sub.challengeId,
      section: sub.section,
      origin: 'prompt',
      text: `Imported question ${i}: how do ${words} interact in practice?`,
      keywords: [],
    });
    extra.set(sub.challengeId, list);
  }
  return {
    ...agenda,
    challenges: agenda.challenges.map((c) => ({ ...c, questions: [...c.questions, ...(extra.get(c.id) ?? [])] })),
  };
}

/** Milliseconds for one `planDueDigests` over `count` subscriptions due now. */
async function sweepPlanning(agenda: Agenda, count: number): Promise<number> {
  const clock = new ManualClock('2026-01-05T08:30:00Z');
  const backend = openSqliteBackend(openDatabase(':memory:'));
  const { services } = await bootCore({ backend, agenda, clock });
  const dueAt = new Date('2026-01-05T08:00:00Z');
  await services.store.atomically(async (tx) => {
    for (let i = 0; i < count; i += 1) {
      await tx.subscriptions.create({
        platform: 'slack',
        tenantId: `T${i % 100}`,
        target: { kind: 'channel', channelId: `C${i}` },
        ownerId: `U${i}`,
        weekday: 1,
        time: { hour: 8, minute: 0 },
        zone: 'UTC',
        origin: 'any',
        order: 'agenda',
        count: 1,
        seed: i,
        nextDueAt: dueAt,
        createdAt: new Date('2025-12-01T00:00:00Z'),
      });
    }
  });
  const started = performance.now();
  await planDueDigests(services, clock.now());
  return performance.now() - started;
}
