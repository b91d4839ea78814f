import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction } from 'discord.js';
import { autocomplete } from '../../fakes/discord/index.js';
import { startHarness, watchAnswers, type Harness } from './harness.js';

let h: Harness;
/** The discord.js interactions the adapter answered, by id, and those answered through discord.js's own `respond`. */
let seen: Map<string, Interaction>;
let throughRespond: string[];

beforeAll(async () => {
  h = await startHarness();
  ({ seen, through: throughRespond } = watchAnswers(h, 'respond'));
});
afterAll(async () => {
  await h?.stop();
});

async function type(sub: string, focus: string, typed: string) {
  const sent = h.fake.interact(autocomplete('agenda', sub, { [focus]: typed }, focus));
  await h.fake.waitFor(() => h.fake.records.callbacksFor(sent.id).length > 0, 'the autocomplete answer');
  const requests = h.fake.records.requests.filter((r) => r.path === `/interactions/${sent.id}/${sent.token}/callback`);
  return { sent, callbacks: h.fake.records.callbacksFor(sent.id), requests };
}

describe('autocomplete answers for kept choice lists (serialized once)', () => {
  it('answers a prefix typed again with the same body, type 8, without going through respond', async () => {
    const first = await type('challenge', 'challenge', '3.');
    const second = await type('challenge', 'challenge', '3.');
    expect(second.requests.map((r) => r.body)).toEqual(first.requests.map((r) => r.body));
    expect(second.callbacks.map((c) => c.type)).toEqual([8]);
    const offered = second.callbacks[0]?.data?.['choices'] as { name: string; value: string }[];
    expect(offered.slice(0, 2)).toEqual([
      { name: '3.1 Pretraining yields models that start out misaligned', value: '3.1' },
      { name: '3.2 Finetuning cannot yet assure alignment and safety', value: '3.2' },
    ]);
    expect(throughRespond).not.toContain(first.sent.id);
    expect(throughRespond).not.toContain(second.sent.id);
  });

  it('posts once per keystroke to the callback route, and leaves the interaction answered', async () => {
    const { sent, requests } = await type('question', 'id', '2.1');
    expect(requests.map((r) => [r.method, r.query.toString()])).toEqual([['POST', '']]);
    const interaction = seen.get(sent.id);
    if (!interaction?.isAutocomplete()) throw new Error('expected the autocomplete interaction');
    // Marked once the post has been answered, a moment after the fake recorded it.
    await h.fake.waitFor(() => interaction.responded, 'the interaction marked as answered');
    await expect(interaction.respond([])).rejects.toThrow(/already been sent or deferred/u);
  });

  it("answers a feature's choices, built for each request, through respond", async () => {
    const { sent, callbacks } = await type('unsubscribe', 'id', '');
    expect(callbacks.map((c) => c.type)).toEqual([8]);
    expect(throughRespond).toContain(sent.id);
  });
});
