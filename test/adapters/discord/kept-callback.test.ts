import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction } from 'discord.js';
import { chatInput, type Json } from '../../fakes/discord/index.js';
import { commandAnswer, embedOf, startHarness, watchAnswers, type Harness } from './harness.js';

let h: Harness;
/** The discord.js interactions the adapter answered, by id, and those answered through discord.js's own `reply`. */
let seen: Map<string, Interaction>;
let throughReply: string[];

beforeAll(async () => {
  h = await startHarness();
  ({ seen, through: throughReply } = watchAnswers(h, 'reply'));
});
afterAll(async () => {
  await h?.stop();
});

async function ask(sub: string, options: Record<string, string> = {}) {
  const sent = h.fake.interact(chatInput('agenda', sub, options));
  const answer = await commandAnswer(h.fake, sent);
  const requests = h.fake.records.requests.filter((r) => r.path === `/interactions/${sent.id}/${sent.token}/callback`);
  return { sent, body: answer.body, requests };
}

describe('a kept reply in the first Discord callback (serialized once)', () => {
  it('sends the same body every time, as discord.js would: type 4, the message, its flags and no nonce', async () => {
    const first = await ask('help');
    const second = await ask('help');
    expect(second.body).toEqual(first.body);
    expect(throughReply).not.toContain(first.sent.id);
    expect(throughReply).not.toContain(second.sent.id);
    const callback = h.fake.records.callbacksFor(second.sent.id);
    expect(callback.map((c) => c.type)).toEqual([4]);
    const body: Json = second.body;
    expect(body['tts']).toBe(false);
    expect(body['enforce_nonce']).toBe(false);
    expect(body['nonce']).toBeUndefined();
    expect(body['flags']).toBe(64);
    expect(body['allowed_mentions']).toEqual({ parse: [] });
    expect(embedOf(body)['title']).toBe('LLM alignment & safety challenges (Anwar et al., 2024)');
  });

  it('posts to the callback route with the query discord.js adds, once per interaction', async () => {
    const { requests } = await ask('challenge', { challenge: '3.5' });
    expect(requests.map((r) => [r.method, r.query.toString()])).toEqual([['POST', 'with_response=false']]);
  });

  it('leaves the interaction marked as answered and ephemeral, so a later answer is a follow-up', async () => {
    const { sent } = await ask('search', { words: 'jailbreak' });
    await h.fake.waitFor(() => {
      const interaction = seen.get(sent.id);
      return interaction?.isChatInputCommand() === true && interaction.replied;
    }, 'replied');
    const interaction = seen.get(sent.id);
    if (!interaction?.isChatInputCommand()) throw new Error('expected the slash command interaction');
    expect(interaction.replied).toBe(true);
    expect(interaction.deferred).toBe(false);
    expect(interaction.ephemeral).toBe(true);
    expect(throughReply).not.toContain(sent.id);
    // discord.js refuses a second reply, as after its own `reply`.
    await expect(interaction.reply({ content: 'again' })).rejects.toThrow(/already been sent or deferred/u);
    await interaction.followUp({ content: 'a follow-up' });
    expect(h.fake.records.webhooksFor(sent.token).map((w) => [w.kind, w.body?.['content']])).toEqual([
      ['followUp', 'a follow-up'],
    ]);
  });
});

describe('a reply that is not kept', () => {
  it("goes through discord.js's reply (an unknown challenge's error)", async () => {
    const { sent, body } = await ask('challenge', { challenge: '9.9' });
    expect(throughReply).toContain(sent.id);
    expect(body['flags']).toBe(64);
  });
});
