import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from '../../fakes/discord/index.js';
import { commandAnswer, embedOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const statusesOf = (path: string): number[] =>
  h.fake.records.requests.filter((r) => r.path === path).map((r) => r.status);

describe('Discord failures', () => {
  it('waits out a 429 with retry_after and retries the same request', async () => {
    h.fake.fail({ method: 'POST', path: /\/callback$/u, status: 429, retryAfter: 0.2 });
    const sent = h.fake.interact(chatInput('agenda', 'challenge', { challenge: '3.6' }));
    const answer = await commandAnswer(h.fake, sent);
    expect(embedOf(answer.body)['title']).toBe(
      '3.6 Vulnerability to data poisoning and backdoors is poorly understood',
    );
    expect(statusesOf(`/interactions/${sent.id}/${sent.token}/callback`)).toEqual([429, 204]);
  });

  it('a persistent 5xx ends in a short reply with a reference id that is also in the log', async () => {
    // The REST client retries a 5xx three times; the fourth failure reaches the boundary.
    h.fake.fail({ method: 'POST', path: /\/callback$/u, status: 502, times: 4 });
    const sent = h.fake.interact(chatInput('agenda', 'challenge', { challenge: '3.5' }));
    const answer = await commandAnswer(h.fake, sent);
    expect(answer.kind).toBe('reply');
    expect(answer.body['flags']).toBe(64);
    const content = String(answer.body['content']);
    const ref = /reference ([0-9a-z]{6})\)/u.exec(content)?.[1];
    expect(content).toBe(
      `Something went wrong on our side (reference ${ref}). Please try again; if it keeps happening, tell the bot's operator the reference.`,
    );
    expect(statusesOf(`/interactions/${sent.id}/${sent.token}/callback`)).toEqual([502, 502, 502, 502, 204]);
    const logged = h.logger.records.find((r) => r.level === 'error' && (r.fields as { ref?: string }).ref === ref);
    expect(logged?.message).toBe('discord interaction failed');
    // Neither the bot token nor the interaction token reaches the log.
    const log = JSON.stringify(h.logger.records);
    expect(log).not.toContain(h.fake.token);
    expect(log).not.toContain(sent.token);
  });
});

describe('gateway reconnect', () => {
  it('resumes the session after op 7 and keeps answering commands, including one sent meanwhile', async () => {
    h.fake.gateway.requestReconnect();
    // Sent while the client is reconnecting: Discord replays it after the resume.
    const meanwhile = h.fake.interact(chatInput('agenda', 'question', { id: '2.1-q1' }));
    await h.fake.waitFor(() => h.fake.gateway.record.resumes.length === 1 && h.fake.gateway.connected, 'the resume');
    expect(h.fake.gateway.record.resumes[0]?.sessionId).toBe('session-1');
    expect(h.fake.gateway.record.identifies).toHaveLength(1);

    const replayed = await commandAnswer(h.fake, meanwhile);
    expect(embedOf(replayed.body)['title']).toBe('Question 2.1-q1');
    const after = await commandAnswer(h.fake, h.fake.interact(chatInput('agenda', 'category', { category: '2' })));
    expect(embedOf(after.body)['title']).toBe('§2 Scientific understanding of LLMs');
    expect(
      String(after.body['content']).startsWith('§2 Scientific understanding of LLMs. Gaps in basic knowledge'),
    ).toBe(true);
  });
});
