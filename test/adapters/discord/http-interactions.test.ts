import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSubcommand } from '../../../src/core/commands/spec.js';
import type { Registry } from '../../../src/core/dispatcher.js';
import { ephemeralText, type Reply } from '../../../src/core/message.js';
import { buttonPress, chatInput, IDS, modalSubmit, type Json } from '../../fakes/discord/index.js';
import { signatureOf } from '../../fakes/discord/signed-interactions.js';
import { NOW_MS, startHttpHarness, type HttpHarness } from './http-harness.js';

/** Lets a test decide when the slow command finishes, so no test waits on a clock. */
let releaseWait: (() => void) | undefined;
let releaseSlow: (() => void) | undefined;
let echoes = 0;

const card = (text: string): Reply => ({
  visibility: 'channel',
  summary: text,
  blocks: [{ kind: 'text', spans: [text] }],
});

const testRegistry: Registry = {
  commands: [
    {
      name: 'testbot',
      description: 'Adapter test command',
      defaultSubcommand: 'echo',
      subcommands: [
        defineSubcommand({
          name: 'echo',
          description: 'Repeats text',
          examples: [],
          options: [{ name: 'text', kind: 'string', description: 'what to say', required: true, syntax: 'rest' }],
          run: (ctx, args) => {
            echoes += 1;
            return {
              visibility: 'ephemeral',
              summary: args.text,
              blocks: [
                { kind: 'text', spans: [args.text] },
                { kind: 'context', spans: [`by ${ctx.actor.displayName} in ${ctx.conversation.channelId}`] },
              ],
            };
          },
        }),
        defineSubcommand({
          name: 'boom',
          description: 'Fails',
          examples: [],
          options: [],
          run: () => {
            throw new Error('kaput: secret internals');
          },
        }),
        defineSubcommand({
          name: 'wait',
          description: 'Answers when the test says so',
          examples: [],
          options: [],
          run: async () => {
            await new Promise<void>((resolve) => {
              releaseWait = resolve;
            });
            return ephemeralText('waited');
          },
        }),
      ],
    },
  ],
  actions: [
    {
      action: 'form',
      run: (_ctx, value) => ({
        modal: {
          id: 'note',
          value,
          title: 'Add a note',
          fields: [{ id: 'body', label: 'Note', style: 'paragraph', required: true, maxLength: 2000 }],
        },
      }),
    },
    {
      action: 'slow',
      run: async () => {
        await new Promise<void>((resolve) => {
          releaseSlow = resolve;
        });
        return { update: card('done slowly'), reply: ephemeralText('also told you') };
      },
    },
    { action: 'count', run: (ctx, value) => ({ update: card(`${value} counted by ${ctx.actor.displayName}`) }) },
  ],
  modals: [
    {
      modal: 'note',
      run: (_ctx, value, fields) => ({ reply: ephemeralText(`Saved note for ${value}: ${fields['body'] ?? ''}`) }),
    },
  ],
};

let h: HttpHarness;
beforeAll(async () => {
  h = await startHttpHarness({ registry: testRegistry, replyBudgetMs: 20, actionDeadlineMs: 20 });
});
afterAll(async () => {
  await h?.stop();
});

const botMessage = (id: string): Json => ({
  id,
  channel_id: IDS.general,
  content: 'card',
  author: { id: IDS.application, username: 'agendabot', discriminator: '0' },
});

describe('the Discord HTTP interactions endpoint: signatures', () => {
  it('answers a PING with a PONG', async () => {
    const { status, json } = await h.post({
      type: 1,
      id: '1',
      application_id: IDS.application,
      token: 't',
      version: 1,
    });
    expect(status).toBe(200);
    expect(json).toEqual({ type: 1 });
  });

  it('accepts a request signed with the application key', async () => {
    const { status, json } = await h.post(chatInput('testbot', 'echo', { text: 'signed' }));
    expect(status).toBe(200);
    expect(json?.['type']).toBe(4);
  });

  const payload = chatInput('testbot', 'echo', { text: 'forged' });
  const body = JSON.stringify(payload);
  const stranger = generateKeyPairSync('ed25519').privateKey;
  const minutesAgo = (m: number) => String(NOW_MS / 1000 - m * 60);
  const refusals: [string, Parameters<HttpHarness['post']>[1]][] = [
    ['no signature header', { signature: null }],
    ['a signature that is not hex', { signature: 'zz'.repeat(64) }],
    ['a signature of the wrong length', { signature: 'ab'.repeat(32) }],
    ['a signature over another body', { signedBody: body.replace('forged', 'harmless') }],
    ['a signature by another key', { key: stranger }],
    ['a timestamp six minutes old, even correctly signed', { timestamp: minutesAgo(6) }],
    ['a timestamp six minutes ahead, even correctly signed', { timestamp: minutesAgo(-6) }],
    ['a signature made for another timestamp', { signature: signatureOf(minutesAgo(1), body, stranger) }],
  ];
  it.each(refusals)('refuses %s with 401 and runs nothing', async (_what, signed) => {
    const before = echoes;
    const { status, text } = await h.post(payload, signed);
    expect(status).toBe(401);
    expect(text).toBe('invalid request signature');
    expect(echoes).toBe(before);
    expect(h.fake.records.callbacksFor(String(payload['id']))).toEqual([]);
    expect(h.fake.records.webhooksFor(String(payload['token']))).toEqual([]);
  });

  it('accepts a timestamp four minutes old (inside the five-minute window)', async () => {
    const { status } = await h.post(chatInput('testbot', 'echo', { text: 'late' }), { timestamp: minutesAgo(4) });
    expect(status).toBe(200);
  });
});

describe('the Discord HTTP interactions endpoint: answers', () => {
  it('answers a fast command with its content in the HTTP response, and nothing follows', async () => {
    const sent = chatInput('testbot', 'echo', { text: '@everyone hi' });
    const { json } = await h.post(sent);
    expect(json?.['type']).toBe(4);
    const data = json?.['data'] as Json;
    expect(data['content']).toBe('\\@everyone hi');
    expect(data['flags']).toBe(64);
    expect(data['allowed_mentions']).toEqual({ parse: [] });
    const embeds = data['embeds'] as Json[];
    expect(embeds[0]?.['description']).toBe(`\\@everyone hi\n\n*by ben in ${IDS.general}*`);
    expect(h.fake.records.callbacksFor(String(sent['id']))).toEqual([]);
    expect(h.fake.records.webhooksFor(String(sent['token']))).toEqual([]);
  });

  it("takes the member's nickname as the display name and a thread's parent as the channel", async () => {
    const sent = chatInput('testbot', 'echo', { text: 'in thread' }, { channel: '200000000000000777' });
    sent['member'] = { ...(sent['member'] as Json), nick: 'Benedict' };
    sent['channel'] = { id: '200000000000000777', type: 11, guild_id: IDS.guild, parent_id: IDS.general, name: 'Talk' };
    const { json } = await h.post(sent);
    const embeds = (json?.['data'] as Json)['embeds'] as Json[];
    expect(embeds[0]?.['description']).toBe(`in thread\n\n*by Benedict in ${IDS.general}*`);
  });

  it('defers a command slower than the budget, then edits the placeholder through the webhook route', async () => {
    const sent = chatInput('testbot', 'wait');
    const { json } = await h.post(sent);
    expect(json).toEqual({ type: 5, data: { flags: 64 } });
    releaseWait?.();
    const token = String(sent['token']);
    await h.fake.waitFor(() => h.fake.records.webhooksFor(token).length > 0, 'the edit');
    expect(h.fake.records.webhooksFor(token)).toMatchObject([{ kind: 'editOriginal', body: { content: 'waited' } }]);
  });

  it('a button updates its message in the HTTP response', async () => {
    const { json } = await h.post(buttonPress('count:7', botMessage('600000000000000020')));
    expect(json?.['type']).toBe(7);
    expect((json?.['data'] as Json)['content']).toBe('7 counted by ben');
  });

  it('a slow button is acknowledged in the response, then its message edited and the reply followed up', async () => {
    const press = buttonPress('slow:1', botMessage('600000000000000022'));
    const { json } = await h.post(press);
    expect(json).toEqual({ type: 6 });
    releaseSlow?.();
    const token = String(press['token']);
    await h.fake.waitFor(() => h.fake.records.webhooksFor(token).length === 2, 'the edit and the follow-up');
    expect(h.fake.records.webhooksFor(token)).toMatchObject([
      { kind: 'editOriginal', body: { content: 'done slowly' } },
      { kind: 'followUp', body: { content: 'also told you', flags: 64 } },
    ]);
  });

  it("a failing command gets the core's reference-id reply in the response, never the error text", async () => {
    const { json } = await h.post(chatInput('testbot', 'boom'));
    const content = String((json?.['data'] as Json)['content']);
    expect(json?.['type']).toBe(4);
    expect(content).toMatch(/^Something went wrong on our side \(reference [0-9a-z]{6}\)\./u);
    expect(content).not.toContain('kaput');
  });

  it('a button opens a form, and the submitted form is answered in the HTTP response', async () => {
    const opened = await h.post(buttonPress('form:42', botMessage('600000000000000021')));
    expect(opened.json).toMatchObject({
      type: 9,
      data: {
        custom_id: 'note:42',
        title: 'Add a note',
        components: [{ type: 18, label: 'Note', component: { type: 4, custom_id: 'body', style: 2, required: true } }],
      },
    });
    const submitted = await h.post(modalSubmit('note:42', { body: 'Read §3.5 first' }));
    expect(submitted.json).toMatchObject({
      type: 4,
      data: { content: 'Saved note for 42: Read §3.5 first', flags: 64 },
    });
  });

  it('answers 413 to a body over 1 MB, without running anything', async () => {
    const before = echoes;
    const huge = chatInput('testbot', 'echo', { text: 'x'.repeat(1024 * 1024) });
    expect((await h.post(huge)).status).toBe(413);
    expect(echoes).toBe(before);
  });

  it('answers 400 to a body that is signed but not JSON, and 405 to a GET', async () => {
    expect((await h.post({}, { body: 'not json' })).status).toBe(400);
    const url = `http://127.0.0.1:${h.adapter.interactionsPort}/discord/interactions`;
    expect((await fetch(url)).status).toBe(405);
  });
});
