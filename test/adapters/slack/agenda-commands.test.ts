/**
 * The real agenda commands through the real Bolt and the fake Slack: what a Slack
 * user actually sees. Expected texts are written out from the fixture agenda (test/fixtures/agenda.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../src/core/features/index.js';
import { MemoryLogger } from '../../../src/log.js';
import { makeServices } from '../../helpers/services.js';
import { blockActionsPayload } from '../../fakes/slack/signed-requests.js';
import { startHarness, type Harness } from './harness.js';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { text?: string | { text: string }; action_id?: string; value?: string }[];
  fields?: { text: string }[];
};

let h: Harness;

beforeAll(async () => {
  const core = await makeServices({ logger: new MemoryLogger() });
  h = await startHarness(registry, core.services);
});
afterAll(async () => {
  await h.close();
});

async function ask(
  text: string,
  extra: Record<string, string> = {},
): Promise<{ text: string; blocks: Block[]; response_type: string }> {
  const sent = await h.command(text, extra);
  expect(sent.status).toBe(200);
  return (await h.responseTo(sent.responseId)) as unknown as { text: string; blocks: Block[]; response_type: string };
}

const visible = (b: Block): number =>
  (b.text?.text.length ?? 0) +
  (b.fields ?? []).reduce((n, f) => n + f.text.length, 0) +
  (b.elements ?? []).reduce((n, e) => n + (typeof e.text === 'string' ? e.text.length : (e.text?.text.length ?? 0)), 0);

describe('/agenda lookups on Slack', () => {
  it('question: the card, its origin said plainly, the paper link, and its buttons', async () => {
    const body = await ask('question 2.1.1-p1');
    const question =
      "Do few-shot prompts with flipped or semantically unrelated labels (e.g., 'foo' and 'bar' for sentiment) separate retrieval of pretraining patterns from task learning, and what accuracy trend with model scale would each account predict?";
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe(`2.1.1-p1: ${question} (Discussion prompt written for this bot, on §2.1.1)`);
    expect(body.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Question 2.1.1-p1', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: `• \`2.1.1-p1\`  ${question}  _discussion prompt (ours)_` } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Discussion prompt written for this bot, on §2.1.1*' } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Challenge 2.1 How in-context learning works is not understood · §2.1.1 Whether ICL is elaborate pattern matching · kind: empirical',
          },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '<https://arxiv.org/pdf/2404.09932v2#subsubsection.2.1.1|§2.1.1 in the paper (PDF)>',
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'ab:share:0',
            value: 'question 2.1.1-p1',
            text: { type: 'plain_text', text: 'Share in channel', emoji: true },
          },
          {
            type: 'button',
            action_id: 'ab:open:1',
            value: '2.1.1',
            text: { type: 'plain_text', text: '§2.1.1', emoji: true },
          },
          {
            type: 'button',
            action_id: 'ab:open:2',
            value: '2.1.1-p2',
            text: { type: 'plain_text', text: 'Next (2.1.1-p2)', emoji: true },
          },
          {
            type: 'button',
            action_id: 'ab:related:3',
            value: '2.1.1-p1',
            text: { type: 'plain_text', text: 'Related', emoji: true },
          },
        ],
      },
    ]);
  });

  it('a paper question says it comes from the paper', async () => {
    const body = await ask('question 2.1-q1');
    expect(body.blocks[2]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*From the paper (§2.1.1)*' } });
    expect(body.blocks[1]?.text?.text.endsWith('  _from the paper_')).toBe(true);
  });

  it('challenge: heading, subsections as a list, and questions each marked with their origin', async () => {
    const body = await ask('challenge 3.5');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '3.5 Jailbreaks and prompt injection undermine LLM security', emoji: true },
    });
    const lists = body.blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith('• '));
    expect(lists[0]?.text?.text.split('\n')).toEqual([
      '• `3.5.1`  Standard evaluations for jailbreaks and prompt injection',
      '• `3.5.2`  Lack of efficient, reliable white-box attacks',
      '• `3.5.3`  Unifying or telling apart jailbreak methods',
      '• `3.5.4`  Attacks and defences through extra modalities',
      '• `3.5.5`  System-level defences: detection, filtering, paraphrasing',
      '• `3.5.6`  Course-correcting after starting to comply with a harmful request',
      "• `3.5.7`  No robust privilege levels within a model's input",
    ]);
    const questionLines = lists[1]?.text?.text.split('\n') ?? [];
    expect(questionLines).toHaveLength(14);
    expect(questionLines.every((l) => / — (From the paper, §3\.5\.\d|Discussion prompt \(ours\))$/u.test(l))).toBe(
      true,
    );
    expect(body.blocks.at(-1)?.elements?.[0]).toMatchObject({ action_id: 'ab:share:0', value: 'challenge 3.5' });
  });

  it('search: hits with ids, the share button carrying the search, and open buttons for the top hits', async () => {
    const body = await ask('search jailbreak');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Search: jailbreak', emoji: true },
    });
    expect(body.blocks[1]?.elements?.[0]?.text).toMatch(/^\d+ match(es)? for "jailbreak", best first\.$/u);
    const actions = body.blocks.at(-1)?.elements ?? [];
    expect(actions[0]).toMatchObject({ action_id: 'ab:share:0', value: 'search jailbreak' });
    expect(actions.slice(1).map((a) => a.action_id)).toEqual(['ab:open:1', 'ab:open:2', 'ab:open:3']);
    expect(actions[1]?.value?.startsWith('3.5')).toBe(true);
  });

  it("help: the whole overview fits Slack's limits and can be shared", async () => {
    const body = await ask('');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    expect(body.blocks.every((b) => (b.text?.text.length ?? 0) <= 3000)).toBe(true);
    expect(body.blocks.reduce((n, b) => n + visible(b), 0)).toBeLessThanOrEqual(12000);
    expect(body.blocks.at(-1)?.elements?.[0]).toMatchObject({ action_id: 'ab:share:0', value: 'help' });
  });

  it('escapes hostile text typed into a search, so nothing pings', async () => {
    const body = await ask('search <!channel> & <@U0VICTIM>');
    // Button values are never shown (they come back to the core); everything shown must be inert.
    const all = JSON.stringify(body, (key, value: unknown) => (key === 'value' ? undefined : value));
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U0VICTIM>');
    expect(body.text).toContain('&lt;!channel&gt; &amp; &lt;@U0VICTIM&gt;');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Search: ‹!channel› & ‹@U0VICTIM›', emoji: true },
    });
  });

  it("a bad option gets the core's specific answer", async () => {
    const body = await ask('search jailbreak origin:xyz');
    expect(body.text).toBe(
      'origin:xyz is not accepted: use origin:paper (questions from the paper) or origin:prompt (our discussion prompts).',
    );
  });
});

describe('agenda buttons on Slack', () => {
  it('Share in channel posts the same card for everyone, naming who shared it', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    await h.interact(
      blockActionsPayload({
        actionId: 'ab:share:0',
        value: 'question 2.1-q1',
        responseUrl: h.slack.responseUrl(),
        channelId: 'C0LAB',
        userId: 'U0ADA',
      }),
    );
    await h.slack.until(() => h.slack.callsTo('chat.postMessage').length > before);
    const args = h.slack.callsTo('chat.postMessage').at(-1)?.args as { channel: string; blocks: Block[]; text: string };
    expect(args.channel).toBe('C0LAB');
    expect(args.text.startsWith('2.1-q1: ')).toBe(true);
    expect(args.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Question 2.1-q1', emoji: true },
    });
    const shareButtons = args.blocks
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id?.startsWith('ab:share:'));
    expect(shareButtons).toEqual([]);
    expect(args.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Shared by <@U0ADA>' }] });
  });

  it('Share replaces the private card through response_url: no Share button, a note that it was shared', async () => {
    const responseUrl = h.slack.responseUrl('share-3.5');
    const before = h.slack.callsTo('chat.postMessage').length;
    await h.interact(
      blockActionsPayload({
        actionId: 'ab:share:0',
        value: 'challenge 3.5',
        responseUrl,
        channelId: 'C0LAB',
        userId: 'U0ADA',
      }),
    );
    const body = (await h.responseTo('share-3.5')) as unknown as {
      response_type: string;
      replace_original: boolean;
      text: string;
      blocks: Block[];
    };
    expect(body.response_type).toBe('ephemeral');
    expect(body.replace_original).toBe(true);
    expect(
      body.text.startsWith('3.5 Jailbreaks and prompt injection undermine LLM security. Adversarial prompts'),
    ).toBe(true);
    expect(body.text.endsWith('3.5.7-p1, 3.5.7-p2. (Shared in the channel.)')).toBe(true);
    const buttons = body.blocks.flatMap((b) => b.elements ?? []).flatMap((e) => (e.action_id ? [e.action_id] : []));
    expect(buttons).toEqual(['ab:open:0', 'ab:open:1']);
    expect(body.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Shared in the channel.' }],
    });
    // And the card went to the channel once.
    await h.slack.until(() => h.slack.callsTo('chat.postMessage').length > before);
    expect(h.slack.callsTo('chat.postMessage').length).toBe(before + 1);
    expect((h.slack.callsTo('chat.postMessage').at(-1)?.args as { channel: string }).channel).toBe('C0LAB');
  });

  it('an id button opens that entry for the presser only', async () => {
    const responseUrl = h.slack.responseUrl('open-3.5');
    await h.interact(blockActionsPayload({ actionId: 'ab:open:2', value: '3.5', responseUrl }));
    const body = (await h.responseTo('open-3.5')) as unknown as { response_type: string; blocks: Block[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks[0]?.text?.text).toBe('3.5 Jailbreaks and prompt injection undermine LLM security');
  });
});
