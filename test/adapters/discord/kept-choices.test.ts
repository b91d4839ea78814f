import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Events, type AutocompleteInteraction, type Interaction } from 'discord.js';
import { autocomplete } from '../../fakes/discord/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
/** The discord.js interaction objects the adapter answered, by interaction id. */
const seen = new Map<string, AutocompleteInteraction>();
/** The ids of the interactions answered through discord.js's own `respond`. */
const throughRespond: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  // Before the adapter's own listener, so that it sees `respond` counted.
  h.adapter.client.prependListener(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.isAutocomplete()) return;
    seen.set(interaction.id, interaction);
    const respond = interaction.respond.bind(interaction);
    interaction.respond = (choices: Parameters<typeof respond>[0]) => {
      throughRespond.push(interaction.id);
      return respond(choices);
    };
  });
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
    // Marked once the post has been answered, a moment after the fake recorded it.
    await h.fake.waitFor(() => interaction?.responded === true, 'the interaction marked as answered');
    await expect(interaction?.respond([])).rejects.toThrow(/already been sent or deferred/u);
  });

  it("answers a feature's choices, built for each request, through respond", async () => {
    const { sent, callbacks } = await type('unsubscribe', 'id', '');
    expect(callbacks.map((c) => c.type)).toEqual([8]);
    expect(throughRespond).toContain(sent.id);
  });
});
