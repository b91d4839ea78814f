import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../src/core/dispatcher.js';
import { defineSubcommand } from '../../../src/core/commands/spec.js';
import { ephemeralText, type Reply } from '../../../src/core/message.js';
import { buttonPress, chatInput, IDS, modalSubmit, type Json } from '../../fakes/discord/index.js';
import { commandAnswer, embedOf, startHarness, type Harness } from './harness.js';

/** Lets a test decide when the slow action (or command) finishes, so no test waits on a clock. */
let releaseSlow: (() => void) | undefined;
let releaseWait: (() => void) | undefined;

const WHERE = ['me', 'channel'];
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
          options: [
            { name: 'text', kind: 'string', description: 'what to say', required: true, syntax: 'rest' },
            {
              name: 'where',
              kind: 'string',
              description: 'me or channel',
              syntax: 'keyed',
              choices: ['me', 'channel'],
            },
          ],
          run: (ctx, args) => ({
            visibility: args.where === 'channel' ? 'channel' : 'ephemeral',
            summary: args.text,
            blocks: [
              { kind: 'text', spans: [args.text] },
              {
                kind: 'context',
                spans: [`channel ${ctx.conversation.channelId} thread ${ctx.conversation.threadId ?? 'none'}`],
              },
              { kind: 'buttons', buttons: [{ action: 'form', value: '42', label: 'Add a note' }] },
            ],
          }),
        }),
        defineSubcommand({
          name: 'group ping',
          description: 'A subcommand in a group',
          examples: [],
          options: [{ name: 'times', kind: 'integer', description: 'how often', syntax: 'keyed', min: 1, max: 3 }],
          run: (_ctx, args) => ephemeralText(`pong ×${args.times ?? 1}`),
        }),
        defineSubcommand({
          name: 'wait',
          description: 'Answers when the test says so',
          examples: [],
          options: [{ name: 'where', kind: 'string', description: 'me or channel', syntax: 'keyed', choices: WHERE }],
          run: async (_ctx, args) => {
            await new Promise<void>((resolve) => {
              releaseWait = resolve;
            });
            return args.where === 'channel' ? card('waited for all') : ephemeralText('waited');
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
        return { update: card('done slowly') };
      },
    },
  ],
  modals: [
    {
      modal: 'note',
      run: (_ctx, value, fields) => ({ reply: ephemeralText(`Saved note for ${value}: ${fields['body'] ?? ''}`) }),
    },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ registry: testRegistry, actionDeadlineMs: 20, replyBudgetMs: 20 });
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

describe('interaction flows', () => {
  it('user text cannot ping or format, and the reply mentions nobody', async () => {
    const sent = h.fake.interact(chatInput('testbot', 'echo', { text: '@everyone <@300000000000000001> **hi**' }));
    const { body } = await commandAnswer(h.fake, sent);
    expect(body['content']).toBe('\\@everyone \\<\\@300000000000000001> \\*\\*hi\\*\\*');
    expect(body['allowed_mentions']).toEqual({ parse: [] });
  });

  it('a fast command answers with its content in the first callback, and nothing follows', async () => {
    const sent = h.fake.interact(chatInput('testbot', 'echo', { text: 'quick' }));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(sent.id).length > 0, 'the first callback');
    const [first] = h.fake.records.callbacksFor(sent.id);
    expect(first?.type).toBe(4);
    expect(first?.data?.['content']).toBe('quick');
    expect(first?.data?.['flags']).toBe(64);
    expect(h.fake.records.webhooksFor(sent.token)).toEqual([]);
  });

  it('a public command reply comes in the first callback, without the ephemeral flag', async () => {
    const sent = h.fake.interact(chatInput('testbot', 'echo', { text: 'hello all', where: 'channel' }));
    const { kind, body } = await commandAnswer(h.fake, sent);
    expect(kind).toBe('reply');
    expect(body['flags']).toBeUndefined();
    expect(h.fake.records.callbacksFor(sent.id).map((c) => c.type)).toEqual([4]);
    expect(h.fake.records.webhooksFor(sent.token)).toEqual([]);
  });

  it('a command slower than the budget is deferred first, then the placeholder is edited', async () => {
    const sent = h.fake.interact(chatInput('testbot', 'wait'));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(sent.id).length > 0, 'the deferral');
    expect(h.fake.records.callbacksFor(sent.id).map((c) => [c.type, c.data])).toEqual([[5, { flags: 64 }]]);
    releaseWait?.();
    const { kind, body } = await commandAnswer(h.fake, sent);
    expect(kind).toBe('editOriginal');
    expect(body['content']).toBe('waited');
  });

  it('a slow public reply is posted as a follow-up and the ephemeral placeholder removed', async () => {
    const sent = h.fake.interact(chatInput('testbot', 'wait', { where: 'channel' }));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(sent.id).some((c) => c.type === 5), 'the deferral');
    releaseWait?.();
    const { kind, body } = await commandAnswer(h.fake, sent);
    expect(kind).toBe('followUp');
    expect(body['flags']).toBeUndefined();
    await h.fake.waitFor(
      () => h.fake.records.webhooksFor(sent.token).some((w) => w.kind === 'deleteOriginal'),
      'the placeholder removal',
    );
  });

  it('a command in a thread sees the parent channel and the thread', async () => {
    const posted = await h.adapter.delivery.post(
      { kind: 'channel', conversation: { platform: 'discord', tenantId: IDS.guild, channelId: IDS.general } },
      card('q'),
      'k1',
    );
    const thread = await h.adapter.delivery.openThread(posted, 'Discuss');
    const payload = chatInput('testbot', 'echo', { text: 'in thread' }, { channel: thread?.threadId ?? '' });
    payload['channel'] = {
      id: thread?.threadId,
      type: 11,
      guild_id: IDS.guild,
      parent_id: IDS.general,
      name: 'Discuss',
    };
    const { body } = await commandAnswer(h.fake, h.fake.interact(payload));
    expect(String(embedOf(body)['description'])).toContain(`channel ${IDS.general} thread ${thread?.threadId}`);
  });

  it('routes a subcommand inside a group with its integer option', async () => {
    const { body } = await commandAnswer(h.fake, h.fake.interact(chatInput('testbot', 'group ping', { times: 3 })));
    expect(body['content']).toBe('pong ×3');
  });

  it("a failing handler yields the core's reference-id reply, never the error text", async () => {
    const { body } = await commandAnswer(h.fake, h.fake.interact(chatInput('testbot', 'boom')));
    expect(String(body['content'])).toMatch(/^Something went wrong on our side \(reference [0-9a-z]{6}\)\./u);
    expect(String(body['content'])).not.toContain('kaput');
  });

  it('a button opens a form, and the submitted form reaches the core with its fields', async () => {
    const press = h.fake.interact(buttonPress('form:42', botMessage('600000000000000010')));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(press.id).length > 0, 'the modal');
    expect(h.fake.records.callbacksFor(press.id)[0]).toMatchObject({
      type: 9,
      data: {
        custom_id: 'note:42',
        title: 'Add a note',
        components: [
          {
            type: 18,
            label: 'Note',
            component: { type: 4, custom_id: 'body', style: 2, required: true, max_length: 2000 },
          },
        ],
      },
    });
    const submit = h.fake.interact(modalSubmit('note:42', { body: 'Read §3.5 first' }));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(submit.id).length > 0, 'the form answer');
    expect(h.fake.records.callbacksFor(submit.id)[0]).toMatchObject({
      type: 4,
      data: { content: 'Saved note for 42: Read §3.5 first', flags: 64 },
    });
  });

  it('a slow button is acknowledged first, then the message is edited', async () => {
    const press = h.fake.interact(buttonPress('slow:1', botMessage('600000000000000011')));
    await h.fake.waitFor(() => h.fake.records.callbacksFor(press.id).some((c) => c.type === 6), 'the deferred update');
    releaseSlow?.();
    await h.fake.waitFor(() => h.fake.records.webhooksFor(press.token).length > 0, 'the edit');
    expect(h.fake.records.webhooksFor(press.token)[0]).toMatchObject({
      kind: 'editOriginal',
      body: { content: 'done slowly' },
    });
  });
});
