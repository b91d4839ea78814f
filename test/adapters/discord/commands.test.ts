import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonPress, chatInput, IDS, type Json } from '../../fakes/discord/index.js';
import { buttonIds, commandAnswer, embedOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/**
 * Runs `/agenda <sub>` and returns the reply after checking it came in one round trip:
 * the first (and only) interaction callback is an ephemeral reply (type 4) with the content.
 */
async function agenda(sub: string, options: Record<string, string> = {}): Promise<Json> {
  const sent = h.fake.interact(chatInput('agenda', sub, options));
  const answer = await commandAnswer(h.fake, sent);
  expect(h.fake.records.callbacksFor(sent.id).map((c) => c.type)).toEqual([4]);
  expect(h.fake.records.webhooksFor(sent.token)).toEqual([]);
  expect(answer.kind).toBe('reply');
  expect(answer.body['flags']).toBe(64);
  expect(answer.body['allowed_mentions']).toEqual({ parse: [] });
  return answer.body;
}

describe('the Discord gateway connection', () => {
  it('identifies with the bot token and the Guilds intent only (no privileged intents)', () => {
    expect(h.fake.gateway.record.identifies).toEqual([{ token: 'fake-bot-token', intents: 1 }]);
  });

  it('heartbeats and gets acknowledged', async () => {
    await h.fake.waitFor(() => h.fake.gateway.record.heartbeats >= 1, 'a heartbeat');
    expect(h.fake.gateway.record.acks).toBe(h.fake.gateway.record.heartbeats);
  });
});

describe('/agenda commands on Discord (answered in the first callback, ephemeral, embed + plain fallback)', () => {
  it('help: the agenda overview with a Share button', async () => {
    const body = await agenda('help');
    const content = String(body['content']);
    expect(
      content.startsWith(
        'LLM alignment & safety challenges (Anwar et al., 2024): 18 challenges in 3 categories. §2 Scientific understanding of LLMs: 2.1 How in-context learning works is not understood; 2.2 ',
      ),
    ).toBe(true);
    expect(content).toContain('§4 Sociotechnical challenges: 4.1 Which values LLMs should encode is unclear; 4.2 ');
    expect(content).toContain('4.5 Governance of LLMs is lacking.');
    expect(content.endsWith('Start with /agenda challenge 3.5, /agenda search \\<words> or /agenda random.')).toBe(
      true,
    );
    expect(embedOf(body)['title']).toBe('LLM alignment & safety challenges (Anwar et al., 2024)');
    expect(String(embedOf(body)['description'])).toContain('**§2 Scientific understanding of LLMs**');
    expect(buttonIds(body)[0]).toBe('share:help');
  });

  it('category: its challenges and buttons to open them', async () => {
    const body = await agenda('category', { category: '4' });
    expect(body['content']).toBe(
      '§4 Sociotechnical challenges. Problems where LLMs meet society: which values to encode, misuse, trustworthiness toward users, economic disruption, and the state of governance. Challenges: 4.1 Which values LLMs should encode is unclear; 4.2 Dual-use capabilities enable malicious use and misuse; 4.3 LLM-based systems can be untrustworthy; 4.4 Socioeconomic effects of LLMs may be highly disruptive; 4.5 Governance of LLMs is lacking.',
    );
    expect(embedOf(body)['title']).toBe('§4 Sociotechnical challenges');
    expect(String(embedOf(body)['description'])).toContain('• `4.1` Which values LLMs should encode is unclear');
    expect(buttonIds(body)).toEqual(['share:category 4', 'open:4.1', 'open:4.2', 'open:4.3']);
  });

  it('challenge: loose words find 3.5, with the paper link as a masked link', async () => {
    const body = await agenda('challenge', { challenge: 'jailbreak' });
    expect(
      String(body['content']).startsWith(
        '3.5 Jailbreaks and prompt injection undermine LLM security. Adversarial prompts',
      ),
    ).toBe(true);
    const description = String(embedOf(body)['description']);
    expect(description.startsWith('*Best match for "jailbreak".*')).toBe(true);
    expect(description).toContain('[§3.5 in the paper (PDF)](https://arxiv.org/pdf/2404.09932v2#subsection.3.5)');
    expect(buttonIds(body)).toEqual(['share:challenge 3.5', 'open:3.5.1', 'open:3.6']);
  });

  it('challenge 3.5: the plain content alone names the subsections and the question ids by origin', async () => {
    const body = await agenda('challenge', { challenge: '3.5' });
    expect(body['content']).toBe(
      "3.5 Jailbreaks and prompt injection undermine LLM security. Adversarial prompts can get around safety training (jailbreaks), and instructions hidden in data an application processes can hijack the model (prompt injection). Subsections: 3.5.1 Standard evaluations for jailbreaks and prompt injection; 3.5.2 Lack of efficient, reliable white-box attacks; 3.5.3 Unifying or telling apart jailbreak methods; 3.5.4 Attacks and defences through extra modalities; 3.5.5 System-level defences: detection, filtering, paraphrasing; 3.5.6 Course-correcting after starting to comply with a harmful request; 3.5.7 No robust privilege levels within a model's input. No questions from the paper yet. Discussion prompts, ours (14): 3.5.1-p1, 3.5.1-p2, 3.5.2-p1, 3.5.2-p2, 3.5.3-p1, 3.5.3-p2, 3.5.4-p1, 3.5.4-p2, 3.5.5-p1, 3.5.5-p2, 3.5.6-p1, 3.5.6-p2, 3.5.7-p1, 3.5.7-p2.",
    );
  });

  it('challenge 3.5.2: the content carries each question of the subsection with its origin', async () => {
    const body = await agenda('challenge', { challenge: '3.5.2' });
    const content = String(body['content']);
    expect(
      content.startsWith(
        '§3.5.2 Lack of efficient, reliable white-box attacks. Part of challenge 3.5 Jailbreaks and prompt injection undermine LLM security. Questions: 3.5.2-p1 — Discussion prompt (ours): Can gradient-based',
      ),
    ).toBe(true);
    expect(content).toContain('? 3.5.2-p2 — Discussion prompt (ours): Why is optimizing over discrete tokens');
  });

  it('question: a prompt says plainly that it is ours, in the embed and in the fallback', async () => {
    const body = await agenda('question', { id: '3.5.2-p1' });
    expect(String(body['content']).endsWith('(Discussion prompt written for this bot, on §3.5.2)')).toBe(true);
    expect(embedOf(body)['title']).toBe('Question 3.5.2-p1');
    expect(String(embedOf(body)['description'])).toContain('**Discussion prompt written for this bot, on §3.5.2**');
    expect(buttonIds(body)).toEqual(['share:question 3.5.2-p1', 'open:3.5.2', 'open:3.5.2-p2', 'related:3.5.2-p1']);
  });

  it('search: ranked hits within a challenge', async () => {
    const body = await agenda('search', { words: 'backdoor', in: '3.6' });
    expect(
      String(body['content']).startsWith(
        '8 matches for "backdoor" in:3.6, best first: 3.6.6 Subsection: Detecting and removing backdoors; 3.6 Challenge: Vulnerability to data poisoning and backdoors is poorly understood; 3.6.2-p1 ',
      ),
    ).toBe(true);
    expect(String(body['content'])).toContain('— Discussion prompt (ours); 3.6.6-p1 ');
    expect(embedOf(body)['title']).toBe('Search: backdoor');
    expect(String(embedOf(body)['description'])).toContain('• `3.6.6` Subsection: Detecting and removing backdoors');
    expect(buttonIds(body).slice(0, 2)).toEqual(['share:search backdoor in:3.6', 'open:3.6.6']);
  });

  it('random: a question with its origin (the test random source picks the first)', async () => {
    const body = await agenda('random');
    expect(String(body['content']).startsWith('2.1-q1: ')).toBe(true);
    expect(String(body['content']).endsWith('(From the paper (§2.1.1))')).toBe(true);
    expect(String(embedOf(body)['description'])).toContain('**From the paper (§2.1.1)**');
  });

  it('a bad id gets the specific error as an ephemeral reply, not a crash', async () => {
    const body = await agenda('question', { id: '9.9.9-p1' });
    expect(body['content']).toBe(
      'No question 9.9.9-p1. Challenge 9.9 does not exist; challenges are 2.1–2.7, 3.1–3.6 and 4.1–4.5.',
    );
    expect(h.logger.records.filter((r) => r.level === 'error')).toEqual([]);
  });
});

describe('buttons on Discord', () => {
  it('Share redraws the private card without Share, then posts the lookup publicly, naming who shared it', async () => {
    const shown = await agenda('challenge', { challenge: '3.5' });
    const message = {
      ...shown,
      id: '600000000000000001',
      channel_id: IDS.general,
      author: { id: IDS.application, username: 'agendabot', discriminator: '0' },
      flags: 64,
    };
    const press = h.fake.interact(buttonPress('share:challenge 3.5', message, { user: IDS.organiser }));
    await h.fake.waitFor(() => h.fake.records.webhooksFor(press.token).length > 0, 'the shared post');

    // The ephemeral card is updated in place (type 7): same answer, no Share button, a note.
    const [callback] = h.fake.records.callbacksFor(press.id);
    expect(callback?.type).toBe(7);
    expect(callback?.data?.['content']).toBe(`${String(shown['content'])} (Shared in the channel.)`);
    expect(buttonIds(callback?.data ?? {})).toEqual(['open:3.5.1', 'open:3.6']);
    expect(String(embedOf(callback?.data ?? {})['description'])).toContain('*Shared in the channel.*');

    // The public post is a follow-up without the ephemeral flag.
    const [post] = h.fake.records.webhooksFor(press.token);
    expect(post?.kind).toBe('followUp');
    expect(post?.body?.['flags'] ?? 0).toBe(0);
    expect(post?.body?.['content']).toBe(shown['content']);
    expect(String(embedOf(post?.body ?? {})['description'])).toContain(`*Shared by <@${IDS.organiser}>*`);
    expect(buttonIds(post?.body ?? {})).toEqual(['open:3.5.1', 'open:3.6']);
  });

  it('an open button answers the presser only', async () => {
    const message = {
      id: '600000000000000002',
      channel_id: IDS.general,
      content: 'x',
      author: { id: IDS.application, username: 'agendabot', discriminator: '0' },
    };
    const press = h.fake.interact(buttonPress('open:3.5.1', message));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(press.id).length > 0, 'the open answer');
    const [callback] = h.fake.records.callbacksFor(press.id);
    expect(callback?.type).toBe(4);
    expect(callback?.data?.['flags']).toBe(64);
    expect(String(embedOf(callback?.data ?? {})['title'])).toContain('3.5.1');
  });

  it('a button the bot no longer knows gets a specific reply', async () => {
    const message = {
      id: '600000000000000003',
      channel_id: IDS.general,
      content: 'x',
      author: { id: IDS.application, username: 'agendabot', discriminator: '0' },
    };
    const press = h.fake.interact(buttonPress('vanished:1', message));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(press.id).length > 0, 'the answer');
    expect(h.fake.records.callbacksFor(press.id)[0]?.data?.['content']).toBe(
      'That button is no longer supported. Run the command again for a fresh one.',
    );
  });
});
