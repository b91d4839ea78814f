import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, chatInput, type Json } from '../../fakes/discord/index.js';
import { startHttpHarness, type HttpHarness } from './http-harness.js';

let h: HttpHarness;
beforeAll(async () => {
  h = await startHttpHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('the real /agenda over HTTP interactions', () => {
  it('answers /agenda category with its challenges and buttons in the HTTP response', async () => {
    const { status, json } = await h.post(chatInput('agenda', 'category', { category: '4' }));
    expect(status).toBe(200);
    expect(json?.['type']).toBe(4);
    const data = json?.['data'] as Json;
    expect(String(data['content']).startsWith('§4 Sociotechnical challenges. Problems where LLMs meet society')).toBe(
      true,
    );
    const embeds = data['embeds'] as Json[];
    expect(embeds[0]?.['title']).toBe('§4 Sociotechnical challenges');
    const rows = data['components'] as { components: { custom_id: string }[] }[];
    expect(rows.flatMap((r) => r.components.map((c) => c.custom_id))).toEqual([
      'share:category 4',
      'open:4.1',
      'open:4.2',
      'open:4.3',
    ]);
  });

  it('answers autocomplete with choices (type 8), the exact id first', async () => {
    const { json } = await h.post(autocomplete('agenda', 'challenge', { challenge: 'jailb' }, 'challenge'));
    expect(json?.['type']).toBe(8);
    const choices = (json?.['data'] as { choices: { name: string; value: string }[] }).choices;
    expect(choices.map((c) => c.value)).toEqual(['3.5', '3.2', '2.1', '2.6']);
    expect(choices[0]).toEqual({ name: '3.5 Jailbreaks and prompt injection undermine LLM security', value: '3.5' });
  });

  it('autocomplete for an option without a source offers nothing', async () => {
    const { json } = await h.post(autocomplete('agenda', 'challenge', { nothing: 'x' }, 'nothing'));
    expect(json).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe('the gateway beside HTTP interactions', () => {
  it('still connects, sharded as GET /gateway/bot recommends (internal sharding, one shard here)', () => {
    expect(h.fake.records.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    expect(h.fake.gateway.record.identifyShards).toEqual([[0, 1]]);
  });
});
