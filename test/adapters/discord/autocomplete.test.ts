import { performance } from 'node:perf_hooks';
import { ApplicationCommandOptionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandJson } from '../../../adapters/discord/command-json.js';
import { registry } from '../../../src/core/features/index.js';
import { autocomplete } from '../../fakes/discord/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Types `typed` into option `focus` of `/agenda <sub>` and returns the offered choices. */
async function choices(
  sub: string,
  focus: string,
  typed: string,
  others: Record<string, string> = {},
): Promise<{ name: string; value: string }[]> {
  const sent = h.fake.interact(autocomplete('agenda', sub, { ...others, [focus]: typed }, focus));
  await h.fake.waitFor(() => h.fake.records.callbacksFor(sent.id).length > 0, 'the autocomplete answer');
  const [callback] = h.fake.records.callbacksFor(sent.id);
  expect(callback?.type).toBe(8);
  return callback?.data?.['choices'] as { name: string; value: string }[];
}

describe('autocomplete on Discord', () => {
  it('puts the exact challenge id first', async () => {
    const offered = await choices('challenge', 'challenge', '3.5');
    expect(offered[0]).toEqual({ name: '3.5 Jailbreaks and prompt injection undermine LLM security', value: '3.5' });
  });

  it('ranks the keyword-prefix match before challenges that only mention the word', async () => {
    const offered = await choices('challenge', 'challenge', 'jailb');
    // 3.5 has the keyword "jailbreak"; 3.2, 2.1 and 2.6 only mention jailbreaks in their text.
    expect(offered.map((c) => c.value)).toEqual(['3.5', '3.2', '2.1', '2.6']);
  });

  it('offers a category before its challenges for the search filter', async () => {
    const offered = await choices('search', 'in', '4', { words: 'values' });
    expect(offered.slice(0, 3).map((c) => c.value)).toEqual(['sociotechnical', '4.1', '4.2']);
  });

  it('offers at most 25 questions, each name at most 100 characters', async () => {
    // 56 question ids start with "3" in the small fixture agenda.
    const offered = await choices('question', 'id', '3');
    expect(offered).toHaveLength(25);
    expect(offered[0]?.value).toBe('3.1.1-p1');
    expect(offered.every((c) => c.name.length <= 100)).toBe(true);
  });

  it('answers well inside 3 seconds (measured, logged for the report)', async () => {
    const times: number[] = [];
    for (const typed of ['in', 'reward', 'back', '2.', 'scal']) {
      const started = performance.now();
      await choices('challenge', 'challenge', typed);
      times.push(performance.now() - started);
    }
    h.logger.info({ autocompleteMs: times.map((t) => Math.round(t)) }, 'autocomplete round trips');
    expect(times).toHaveLength(5);
  });
});

describe('published commands and handlers cannot drift', () => {
  it('every published subcommand and option is one the dispatcher handles, and vice versa', () => {
    const kinds: Record<number, string> = { 3: 'string', 4: 'integer', 6: 'user', 7: 'channel' };
    for (const command of buildCommandJson(registry.commands)) {
      const spec = h.core.dispatcher.command(command.name);
      expect(spec, `/${command.name} has a handler`).toBeDefined();
      const published: string[] = [];
      for (const option of command.options ?? []) {
        const leaves =
          option.type === ApplicationCommandOptionType.SubcommandGroup
            ? (option.options ?? []).map((o) => ({ ...o, name: `${option.name} ${o.name}` }))
            : [option];
        for (const leaf of leaves) {
          published.push(leaf.name);
          const sub = spec?.subcommands.find((s) => s.name === leaf.name);
          expect(sub, `/${command.name} ${leaf.name} has a handler`).toBeDefined();
          const options =
            'options' in leaf ? ((leaf.options ?? []) as { name: string; type: number; autocomplete?: boolean }[]) : [];
          expect(options.map((o) => [o.name, kinds[o.type], o.autocomplete === true]).sort()).toEqual(
            (sub?.options ?? []).map((o) => [o.name, o.kind, o.autocomplete !== undefined]).sort(),
          );
        }
      }
      expect(published.sort()).toEqual((spec?.subcommands ?? []).map((s) => s.name).sort());
    }
  });

  it('publishes /agenda with the lookup subcommands', () => {
    const [agenda] = buildCommandJson(registry.commands);
    expect(agenda?.name).toBe('agenda');
    expect((agenda?.options ?? []).map((o) => o.name)).toEqual(
      expect.arrayContaining(['help', 'category', 'challenge', 'question', 'search', 'random']),
    );
  });
});
