import { describe, expect, it } from 'vitest';
import { digestEnv, plain } from '../helpers/digest.js';

describe('bad input gets a specific answer', () => {
  it.each([
    ['subscribe tz=Europe/Berln', 'tz=Europe/Berln is not a time zone; did you mean Europe/Berlin?'],
    ['subscribe time=25:00', 'time=25:00 is not a time of day (use HH:MM, 24-hour, e.g. 09:00 or 17:30).'],
    ['subscribe time=9am', 'time=9am is not a time of day (use HH:MM, 24-hour, e.g. 09:00 or 17:30).'],
    ['subscribe day=someday', 'day=someday is not a day of the week (use mon, tue, wed, thu, fri, sat or sun).'],
    [
      'subscribe in:9.9',
      'in:9.9 matches no challenge or category. Use a challenge id such as 3.5, a category number such as 3, or words from a title.',
    ],
    [
      'subscribe in:3.5 origin:paper',
      'No question matches origin:paper in:3.5 in the current agenda, so there would be nothing to post. ' +
        "Use origin:any (the paper's questions and our prompts) or origin:prompt, or load the paper's questions first " +
        '(README: "Loading the paper\'s full question list").',
    ],
    ['subscribe origin=papers', 'origin=papers is not an origin (use paper, prompt, any).'],
    ['subscribe order=random', 'order=random is not an order (use agenda, shuffled).'],
    ['subscribe count=4', '`count=4` is not accepted by `/agenda subscribe`: use a whole number from 1 to 3.'],
    [
      'subscribe #<!channel>',
      'That is not a channel I can post in: pick the channel from the list as you type # (or leave it out to get the question by direct message).',
    ],
    [
      'subscribe colour=red',
      '`colour` is not an option of `/agenda subscribe`. Usage: `/agenda subscribe [#channel] [day=…] [time=…] [tz=…] [in=…] [origin=…] [order=…] [count=…]`',
    ],
    [
      'unsubscribe',
      '`/agenda unsubscribe` needs `id` (Subscription id (see /agenda subscriptions)). Usage: `/agenda unsubscribe <id>`, for example `/agenda unsubscribe 4`.',
    ],
    ['pause x', '`id=x` is not accepted by `/agenda pause`: use a whole number.'],
    [
      'resume 77',
      'There is no subscription 77 that you can see here. `/agenda subscriptions` lists them with their ids.',
    ],
    [
      'digest now 77',
      'There is no subscription 77 that you can see here. `/agenda subscriptions` lists them with their ids.',
    ],
    [
      'digest preview',
      'No subscription posts here; give its id, e.g. `/agenda digest preview 1`. There are none yet: `/agenda subscribe` starts one.',
    ],
  ])('%s', async (command, expected) => {
    const env = await digestEnv();
    const reply = await env.run(command);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.summary).toBe(expected);
  });

  it('accepts origin:paper where the agenda has paper questions (challenge 2.1)', async () => {
    const env = await digestEnv();
    expect((await env.run('subscribe in:2.1 origin:paper')).summary).toMatch(/^Subscribed \(id 1\)/u);
    expect((await env.services.subscriptions.byId(1))?.origin).toBe('paper');
  });

  it('a loose scope is resolved and stored by id', async () => {
    const env = await digestEnv();
    await env.run('subscribe in:jailbreaks');
    expect((await env.services.subscriptions.byId(1))?.scope).toBe('3.5');
  });
});

describe('permissions', () => {
  it('anyone may subscribe themselves by DM; a channel needs channel-manager rights', async () => {
    const env = await digestEnv();
    expect((await env.run('subscribe', { userId: 'U2' })).summary).toMatch(/^Subscribed \(id 1\)/u);
    const refused = await env.run('subscribe #C9', { userId: 'U2' });
    expect(refused.summary).toBe(
      'Only channel managers can change what a channel receives (that needs channel-manager rights). ' +
        'Without a channel, `/agenda subscribe` sends the weekly question to you by direct message.',
    );
    expect(await env.services.subscriptions.list('shell', 'T1')).toHaveLength(1);
  });

  it("changing a channel subscription needs the same rights; a DM subscription is its person's alone", async () => {
    const env = await digestEnv();
    env.port.managers.add('T1:U1');
    await env.run('subscribe #C9');
    await env.run('subscribe', { userId: 'U3' });
    for (const command of ['pause 1', 'unsubscribe 1', 'digest now 1']) {
      expect((await env.run(command, { userId: 'U2' })).summary).toMatch(/^Only channel managers can change/u);
    }
    expect((await env.run('pause 2', { userId: 'U2' })).summary).toMatch(
      /^There is no subscription 2 that you can see here/u,
    );
    expect((await env.services.subscriptions.byId(1))?.paused).toBe(false);
    expect(env.port.posts).toHaveLength(0);
    expect((await env.run('pause 1')).summary).toBe('Paused 1.');
  });
});

describe('tenant isolation', () => {
  it("no command in one workspace can see or change another workspace's subscriptions", async () => {
    const env = await digestEnv();
    env.port.managers.add('T1:U1').add('T2:U1');
    await env.run('subscribe #C9');
    const other = { tenantId: 'T2' };
    expect((await env.run('subscriptions', other)).summary).toMatch(
      /^There are no weekly-question subscriptions here yet/u,
    );
    for (const command of ['pause 1', 'resume 1', 'unsubscribe 1', 'digest now 1', 'digest preview 1']) {
      expect((await env.run(command, other)).summary, command).toBe(
        'There is no subscription 1 that you can see here. `/agenda subscriptions` lists them with their ids.',
      );
    }
    expect((await env.run('subscriptions', { platform: 'discord' })).summary).toMatch(/^There are no/u);
    expect((await env.services.subscriptions.byId(1))?.paused).toBe(false);
  });

  it("lists channel subscriptions and only the asker's own DM subscriptions, with ids and next times", async () => {
    const env = await digestEnv();
    env.port.managers.add('T1:U1');
    await env.run('subscribe #C9 day=fri time=16:00 tz=Europe/Berlin in:3.5 origin=prompt order=shuffled count=2');
    await env.run('subscribe', { userId: 'U2' });
    await env.run('subscribe');
    const list = await env.run('subscriptions');
    expect(list.summary).toBe('2 subscription(s): 1, 3');
    const text = plain(list);
    expect(text).toContain(
      '1 To #C9, Fridays at 16:00 (Europe/Berlin). Next: 2024-03-08 15:00 UTC. Questions: challenge 3.5 Jailbreaks and prompt injection undermine LLM security; our discussion prompts only; shuffled; 2 questions a week.',
    );
    const item = list.blocks.find((b) => b.kind === 'list');
    expect(item?.kind === 'list' && item.items[0]?.text).toContainEqual({
      time: new Date('2024-03-08T15:00:00Z'),
      style: 'full',
    });
  });
});

describe('preview and post now', () => {
  it("preview shows exactly what the next post will be; post now counts as this week's post", async () => {
    const env = await digestEnv({ now: '2024-03-04T07:00:00Z' });
    await env.run('subscribe');
    const preview = await env.run('digest preview', { isDirect: true });
    expect(preview.visibility).toBe('ephemeral');
    expect(plain(preview)).toContain('2.1-q1');
    expect(plain(preview)).toContain('Due 2024-03-04 09:00 UTC.');
    expect(plain(preview)).not.toContain('[Interested]');

    expect((await env.run('digest now 1')).summary).toBe(
      "Posted this week's question to you (by direct message). It counts as this week's post.",
    );
    expect(env.port.posts.map((p) => p.key)).toEqual(['digest:1:2024-W10', 'digest:1:2024-W10:thread']);
    expect((await env.run('digest now 1')).summary).toBe(
      "This week's question (2024-W10) for subscription 1 was already posted or skipped. The next one is due Monday 2024-03-11 09:00 (UTC).",
    );
    env.clock.set('2024-03-04T09:00:00Z');
    await env.sweeper.sweep();
    expect(env.port.postsIn('dm:U1')).toHaveLength(1);
    expect(plain(await env.run('digest preview 1'))).toContain('2.1.1-p1');
  });
});

describe('post now names the channel', () => {
  it("says which channel got this week's question, in the summary as in the text", async () => {
    const env = await digestEnv({ now: '2024-03-04T07:00:00Z' });
    env.port.managers.add('T1:U1');
    await env.run('subscribe #C9');
    const posted = await env.run('digest now 1');
    expect(posted.summary).toBe("Posted this week's question to #C9. It counts as this week's post.");
    expect(posted.blocks).toEqual([
      {
        kind: 'text',
        spans: ["Posted this week's question to ", { channel: 'C9' }, ". It counts as this week's post."],
      },
    ]);
  });
});

describe('buttons', () => {
  async function posted() {
    const env = await digestEnv({ now: '2024-03-04T08:00:00Z' });
    env.port.managers.add('T1:U1');
    await env.run('subscribe #C9');
    env.clock.set('2024-03-04T09:00:00Z');
    await env.sweeper.sweep();
    expect(env.port.postsIn('C9')).toHaveLength(1);
    return env;
  }

  it('Interested records the interest once and redraws the card with the count', async () => {
    const env = await posted();
    const first = await env.dispatcher.press(
      'digest.interested',
      'digest:1:2024-W10|2.1-q1',
      env.ctx({ userId: 'U5' }),
      { messageId: 'm1' },
    );
    expect(first.reply?.summary).toBe('Noted: you are interested in 2.1-q1. /agenda interests lists yours.');
    expect(plain(first.update ?? { visibility: 'channel', summary: '', blocks: [] })).toContain('Interested: 1');
    await env.dispatcher.press('digest.interested', 'digest:1:2024-W10|2.1-q1', env.ctx({ userId: 'U6' }));
    const again = await env.dispatcher.press(
      'digest.interested',
      'digest:1:2024-W10|2.1-q1',
      env.ctx({ userId: 'U5' }),
    );
    expect(again.reply?.summary).toBe(
      'You had already said you are interested in 2.1-q1. /agenda interests lists yours.',
    );
    expect(plain(again.update ?? { visibility: 'channel', summary: '', blocks: [] })).toContain('Interested: 2');
    const mine = await env.run('interests', { userId: 'U5' });
    expect(mine.blocks.find((b) => b.kind === 'list')).toMatchObject({ items: [{ id: '2.1-q1', origin: 'paper' }] });
    expect(plain(mine)).toContain('(From the paper, §2.1.1)');
    expect((await env.run('interests', { userId: 'U7' })).summary).toMatch(/^You have not marked any question yet/u);
  });

  it('a press from another workspace or for an unknown question is refused', async () => {
    const env = await posted();
    const foreign = await env.dispatcher.press(
      'digest.interested',
      'digest:1:2024-W10|2.1-q1',
      env.ctx({ tenantId: 'T2' }),
    );
    expect(foreign.reply?.summary).toBe(
      'That weekly question is no longer known here. `/agenda digest preview` shows the next one.',
    );
    expect(foreign.update).toBeUndefined();
    const wrong = await env.dispatcher.press('digest.interested', 'digest:1:2024-W10|3.5.1-p1', env.ctx());
    expect(wrong.reply?.summary).toBe(
      'That weekly question is no longer known here. `/agenda digest preview` shows the next one.',
    );
    expect(await env.services.subscriptions.interestCount('digest:1:2024-W10', '2.1-q1')).toBe(0);
  });

  it('Another question answers only the presser, from the same filter, with its origin', async () => {
    const env = await digestEnv({ now: '2024-03-04T09:00:00Z' });
    await env.run('subscribe in:3.6 origin=prompt');
    await env.sweeper.sweep();
    const result = await env.dispatcher.press('digest.another', '1', env.ctx({ userId: 'U9' }));
    expect(result.reply?.visibility).toBe('ephemeral');
    expect(result.update).toBeUndefined();
    const item = result.reply?.blocks.find((b) => b.kind === 'list');
    expect(item?.kind === 'list' && item.items[0]?.id).toMatch(/^3\.6\.\d+-p\d+$/u);
    expect(plain(result.reply ?? { visibility: 'channel', summary: '', blocks: [] })).toContain(
      'Origin: Discussion prompt (ours), on §3.6.',
    );
  });
});

describe('autocomplete for subscription ids', () => {
  it("offers the asker's visible subscriptions in this tenant, filtered by what is typed", async () => {
    const env = await digestEnv();
    env.port.managers.add('T1:U1');
    await env.run('subscribe #C9 day=fri time=16:00');
    await env.run('subscribe', { userId: 'U2' });
    await env.run('subscribe');
    expect(await env.dispatcher.complete('subscription', '', env.ctx())).toEqual([
      { name: '1: channel C9, Fridays at 16:00 (UTC)', value: '1' },
      { name: '3: you, by DM, Mondays at 09:00 (UTC)', value: '3' },
    ]);
    expect(await env.dispatcher.complete('subscription', 'fri', env.ctx())).toEqual([
      { name: '1: channel C9, Fridays at 16:00 (UTC)', value: '1' },
    ]);
    expect(await env.dispatcher.complete('subscription', '', env.ctx({ tenantId: 'T2' }))).toEqual([]);
  });
});
