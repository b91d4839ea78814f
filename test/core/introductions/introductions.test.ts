import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/ports.js';
import { plain } from '../../helpers/digest.js';
import { introEnv, mentionsIn, type IntroEnv } from './env.js';

/** U1..U4 marked 3.5-q1 Interested; those named turned introductions on. */
async function fourInterested(optedIn: readonly string[]): Promise<IntroEnv> {
  const env = await introEnv();
  for (const user of ['U1', 'U2', 'U3', 'U4']) await env.interested(user, '3.5-q1');
  for (const user of optedIn) {
    await env.say(user, 'introductions on');
    env.clock.advance(60_000);
  }
  return env;
}

describe('introductions: help', () => {
  it('lists both commands in /agenda help', async () => {
    const text = await (await introEnv()).say('U1', 'help');
    expect(text).toContain('/agenda introduce [<topic>] Meet others interested in the same question or challenge');
    expect(text).toContain(
      '/agenda introductions [<setting>] [#channel] Turn introductions to people who share your interests on or off',
    );
  });
});

describe('introductions: consent', () => {
  it('is off by default, and on and off say what they change', async () => {
    const env = await introEnv();
    expect(await env.say('U1', 'introductions')).toContain('Your introductions are off');
    expect(await env.say('U1', 'introductions on')).toContain('Introductions are on.');
    expect(await env.say('U1', 'introductions on')).toContain('Introductions were already on.');
    expect(await env.say('U1', 'introductions')).toContain('Your introductions are on');
    expect(await env.say('U1', 'introductions off')).toContain(
      'Introductions are off: you are left out of every introduction from now on.',
    );
    expect(await env.say('U1', 'introductions maybe')).toBe(
      'introductions maybe is not accepted: use `/agenda introductions on`, `off` or `channel #channel`.',
    );
  });

  it('refuses someone who has not turned introductions on, with the counts and the next step', async () => {
    const env = await fourInterested(['U2', 'U3']);
    const text = await env.say('U1', 'introduce 3.5-q1');
    expect(text).toBe(
      '3 other people here marked question 3.5-q1 Interested; 2 of them turned introductions on. ' +
        'Your introductions are off: turn them on with `/agenda introductions on`, then ask again. ' +
        'Only people who turned them on are introduced, and only to each other.',
    );
    expect(env.groups.opened).toEqual([]);
  });
});

describe('introductions: counting', () => {
  it("lists the asker's interests with counts of others, never their names", async () => {
    const env = await fourInterested(['U2']);
    await env.interested('U1', '3.6.1-p1');
    const reply = await env.reply('U1', 'introduce');
    const text = plain(reply);
    expect(text).toContain('3.5-q1 3 other people interested, 1 of them open to introductions');
    expect(text).toContain('3.6.1-p1 0 other people interested, 0 of them open to introductions');
    for (const other of ['U2', 'U3', 'U4']) expect(text).not.toContain(other);
    expect(mentionsIn(reply)).toEqual([]);
  });

  it('never counts people of another workspace, nor introduces them', async () => {
    const env = await introEnv();
    await env.interested('U1', '3.5-q1');
    await env.say('U1', 'introductions on');
    await env.interested('X1', '3.5-q1', 'T2');
    await env.interested('X2', '3.5-q1', 'T2');
    await env.say('X1', 'introductions on', 'T2');
    await env.say('X2', 'introductions on', 'T2');
    expect(await env.say('U1', 'introduce')).toContain(
      '3.5-q1 0 other people interested, 0 of them open to introductions',
    );
    expect(await env.say('U1', 'introduce 3.5-q1')).toContain(
      '0 other people here marked question 3.5-q1 Interested; 0 of them',
    );
    expect(env.groups.opened).toEqual([]);
  });
});

describe('introductions: introducing', () => {
  it('introduces only consenting people, in one group conversation naming the question and a first step', async () => {
    const env = await fourInterested(['U1', 'U2', 'U4']);
    const reply = await env.reply('U1', 'introduce 3.5-q1');
    expect(plain(reply)).toBe(
      'You were introduced to @U2 and @U4 over question 3.5-q1: look for the new group conversation.',
    );
    expect(env.groups.opened).toEqual([
      { tenantId: 'T1', userIds: ['U1', 'U2', 'U4'], name: 'Introduction: question 3.5-q1' },
    ]);
    expect(env.port.posts).toHaveLength(1);
    const post = env.port.posts[0];
    expect(post?.conversation).toEqual({ platform: 'slack', tenantId: 'T1', channelId: 'G1' });
    expect(post?.reply.notify).toEqual(['U1', 'U2', 'U4']);
    expect(mentionsIn(post?.reply ?? { visibility: 'channel', summary: '', blocks: [] })).toEqual(['U1', 'U2', 'U4']);
    const text = plain(post?.reply ?? { visibility: 'channel', summary: '', blocks: [] });
    expect(text).toContain(
      'What you share: How can jailbreak robustness be measured? (3.5-q1, From the paper, §3.5.1)',
    );
    expect(text).toContain('A first step: each of you say in a line or two what draws you to this');
    expect(text).not.toContain('U3');
  });

  it('never introduces the same people twice for the same question, and only newcomers later', async () => {
    const env = await fourInterested(['U1', 'U2', 'U4']);
    await env.say('U1', 'introduce 3.5-q1');
    expect(await env.say('U1', 'introduce 3.5-q1')).toContain(
      'You have already been introduced to all of them over question 3.5-q1; nobody is introduced twice. ' +
        'Ask again when someone new turns introductions on.',
    );
    expect(await env.say('U2', 'introduce 3.5-q1')).toContain('You have already been introduced to all of them');
    await env.interested('U5', '3.5-q1');
    await env.say('U5', 'introductions on');
    expect(await env.say('U1', 'introduce 3.5-q1')).toBe(
      'You were introduced to @U5 over question 3.5-q1: look for the new group conversation.',
    );
    expect(env.groups.opened.map((o) => o.userIds)).toEqual([
      ['U1', 'U2', 'U4'],
      ['U1', 'U5'],
    ]);
  });

  it('leaves out at once everyone who turned introductions off', async () => {
    const env = await fourInterested(['U1', 'U2', 'U3', 'U4']);
    await env.say('U3', 'introductions off');
    await env.say('U1', 'introduce 3.5-q1');
    expect(env.groups.opened.map((o) => o.userIds)).toEqual([['U1', 'U2', 'U4']]);
    expect(await env.say('U3', 'introduce 3.5-q1')).toContain('Your introductions are off');
  });

  it('takes a challenge as everyone interested in any of its questions', async () => {
    const env = await introEnv();
    await env.interested('U1', '3.5-q1');
    await env.interested('U2', '3.5.2-p1');
    await env.interested('U3', '3.6.1-p1');
    for (const user of ['U1', 'U2', 'U3']) await env.say(user, 'introductions on');
    expect(await env.say('U1', 'introduce 3.5')).toBe(
      'You were introduced to @U2 over challenge 3.5: look for the new group conversation.',
    );
    expect(env.groups.opened.map((o) => o.userIds)).toEqual([['U1', 'U2']]);
  });

  it('fills one conversation up to the platform limit, earliest consent first, and says how many wait', async () => {
    const env = await introEnv({ maxMembers: 3 });
    for (const user of ['U1', 'U2', 'U3', 'U4']) await env.interested(user, '3.5-q1');
    for (const user of ['U4', 'U1', 'U3', 'U2']) {
      await env.say(user, 'introductions on');
      env.clock.advance(3_600_000);
    }
    expect(await env.say('U1', 'introduce 3.5-q1')).toBe(
      'You were introduced to @U4 and @U3 over question 3.5-q1: look for the new group conversation. ' +
        '1 other person who also opted in did not fit in one conversation; ask again to meet them.',
    );
    expect(await env.say('U1', 'introduce 3.5-q1')).toContain('You were introduced to @U2 over question 3.5-q1');
  });

  it('records nothing when the platform refuses, so asking again works', async () => {
    const env = await fourInterested(['U1', 'U2']);
    env.groups.failures.push(new DeliveryError('slack', 'too_many_users', 'rejected', 'refused'));
    expect(await env.say('U1', 'introduce 3.5-q1')).toBe(
      'The introduction could not be made (the platform refused it). ' +
        'Nobody was told; nothing was recorded, so you can ask again.',
    );
    expect(await env.say('U1', 'introduce 3.5-q1')).toContain('You were introduced to @U2');
  });
});

describe('introductions: bad input', () => {
  it('says what is wrong with the id', async () => {
    const env = await introEnv();
    expect(await env.say('U1', 'introduce 9.9')).toBe(
      'There is no question or challenge "9.9" in this agenda. Give an id such as 3.5 or 3.5-q1; ' +
        '`/agenda introduce` lists the questions you marked Interested.',
    );
    expect(await env.say('U1', 'introduce 3.5.2')).toContain(
      '3.5.2 is a subsection; introductions are for one question or one challenge. Try `/agenda introduce 3.5`',
    );
    expect(await env.say('U1', 'introduce 3.5-q1')).toContain('You have not marked question 3.5-q1 Interested');
  });

  it('says what happens next when nobody else has opted in yet', async () => {
    const env = await fourInterested(['U1']);
    expect(await env.say('U1', 'introduce 3.5-q1')).toBe(
      '3 other people here marked question 3.5-q1 Interested; 0 of them turned introductions on. ' +
        'Nothing was sent and nobody was told you asked. ' +
        'Ask again later: once someone who shares it turns introductions on, you can meet them.',
    );
    expect(env.groups.opened).toEqual([]);
  });
});

describe('introductions: a platform that needs a channel (Discord)', () => {
  it('says so plainly until organisers choose a channel, then opens the private thread there', async () => {
    const env = await introEnv({ platform: 'discord', needsChannel: true });
    for (const user of ['U1', 'U2']) {
      await env.interested(user, '3.5-q1');
      await env.say(user, 'introductions on');
    }
    expect(await env.say('U1', 'introduce 3.5-q1')).toContain('No introductions channel is set in this server yet');
    expect(await env.say('U1', 'introductions channel #C9')).toBe(
      'Only people with the Manage Channels or Manage Server permission can choose the introductions channel.',
    );
    env.port.managers.add('T1:U1');
    expect(await env.say('U1', 'introductions channel #C9')).toContain(
      'Introductions will open as private threads in #C9',
    );
    await env.say('U1', 'introduce 3.5-q1');
    expect(env.groups.opened).toEqual([
      { tenantId: 'T1', userIds: ['U1', 'U2'], name: 'Introduction: question 3.5-q1', channelId: 'C9' },
    ]);
    expect(env.port.posts[0]?.conversation).toEqual({
      platform: 'discord',
      tenantId: 'T1',
      channelId: 'C9',
      threadId: 'G1',
    });
  });
});

describe('introductions: the ledger', () => {
  it('keys an introduction by topic and member set, whatever the order, within one tenant', async () => {
    const env = await introEnv();
    const store = env.services.introductions;
    const at = env.clock.now();
    const t1 = { platform: 'slack', tenantId: 'T1' } as const;
    expect(await store.record({ ...t1, topic: '3.5', members: ['U2', 'U1'], requestedBy: 'U2', createdAt: at })).toBe(
      1,
    );
    expect(
      await store.record({ ...t1, topic: '3.5', members: ['U1', 'U2'], requestedBy: 'U1', createdAt: at }),
    ).toBeUndefined();
    expect(
      await store.record({ ...t1, topic: '3.5-q1', members: ['U1', 'U2'], requestedBy: 'U1', createdAt: at }),
    ).toBe(2);
    expect(
      await store.record({
        ...t1,
        tenantId: 'T2',
        topic: '3.5',
        members: ['U1', 'U2'],
        requestedBy: 'U1',
        createdAt: at,
      }),
    ).toBe(3);
    expect([...(await store.introducedWith(t1, '3.5', 'U1'))]).toEqual(['U2']);
    expect([...(await store.introducedWith({ ...t1, tenantId: 'T3' }, '3.5', 'U1'))]).toEqual([]);
  });
});
