import { afterEach, describe, expect, it } from 'vitest';
import { APP_REMOVED_REASON } from '../../../src/core/tenants/suspension.js';
import { grant, startOAuthWorld, type OAuthWorld } from './oauth-harness.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const TEAMS = ['TA', 'TB', 'TC'] as const;

/** Which token posted which delivery key in which channel. */
function posts(w: OAuthWorld): string[] {
  return w.slack.callsTo('chat.postMessage').map((call) => {
    const key = (call.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '-';
    return `${String(call.args.channel)} ${key} ${call.token ?? ''}`;
  });
}

async function threeWorkspaces(): Promise<OAuthWorld> {
  const w = await startOAuthWorld();
  for (const team of TEAMS) {
    expect((await w.install(grant(team))).status).toBe(200);
    const answer = await w.command(team, `UADMIN${team}`, `subscribe <#C${team}1|lab>`);
    expect(answer.reply).toContain('Subscribed');
  }
  return w;
}

describe('Slack OAuth mode: every workspace is its own tenant', () => {
  it("posts each workspace's due weekly question with its own token and no other", async () => {
    world = await threeWorkspaces();
    world.env.clock.set('2024-03-04T09:00:00Z');
    await world.env.sweeper.sweep();
    expect(posts(world).sort()).toEqual([
      'CTA1 digest:1:2024-W10 xoxb-TA-token-secret',
      'CTA1 digest:1:2024-W10:thread xoxb-TA-token-secret',
      'CTB1 digest:2:2024-W10 xoxb-TB-token-secret',
      'CTB1 digest:2:2024-W10:thread xoxb-TB-token-secret',
      'CTC1 digest:3:2024-W10 xoxb-TC-token-secret',
      'CTC1 digest:3:2024-W10:thread xoxb-TC-token-secret',
    ]);
  });

  it("never lets workspace B read or change workspace A's subscriptions or groups, by id or by name", async () => {
    world = await threeWorkspaces();
    const created = await world.command(
      'TA',
      'UADMINTA',
      'create name:"Alpha RG" syllabus:2.1,2.2 day=thu time=17:00 tz=UTC start=2024-03-07',
      '/readinggroup',
    );
    expect(created.reply).toContain('Alpha RG');
    const tries = ['unsubscribe 1', 'pause 1', 'digest now 1'];
    for (const text of tries) {
      const answer = await world.command('TB', 'UADMINTB', text);
      expect(answer.reply).not.toContain('CTA1');
    }
    for (const text of ['pause Alpha RG', 'pause 1', 'archive 1', 'status Alpha RG']) {
      const answer = await world.command('TB', 'UADMINTB', text, '/readinggroup');
      // Refused as unknown here: nothing of A's group (its channel, its schedule) comes back.
      expect(answer.reply).toMatch(/no reading group/u);
      expect(answer.reply).not.toMatch(/CTA1|Thursday|is paused|archived/u);
    }
    const listed = await world.command('TB', 'UADMINTB', 'subscriptions');
    expect(listed.reply).toContain('CTB1');
    expect(listed.reply).not.toContain('CTA1');
    const services = world.env.services;
    expect((await services.subscriptions.byId(1))?.paused).toBe(false);
    expect((await services.readingGroups.store.group('slack', 'TA', 1))?.status).toBe('active');
  });
});

describe('Slack OAuth mode: removing and reinstalling the app', () => {
  it('suspends on either removal event (each twice), makes no call with the revoked token, and resumes without a backlog', async () => {
    world = await threeWorkspaces();
    const w = world;
    await w.command(
      'TA',
      'UADMINTA',
      'create name:"Alpha RG" syllabus:2.1,2.2 day=thu time=17:00 tz=UTC start=2024-03-07',
      '/readinggroup',
    );
    w.env.clock.set('2024-03-04T09:00:00Z');
    await w.env.sweeper.sweep();
    // Posted before the removal (it once stayed pending here, behind pace slots another test had reserved).
    expect(posts(w)).toContain('CTA1 digest:1:2024-W10 xoxb-TA-token-secret');
    w.env.clock.set('2024-03-04T09:30:00Z');
    expect(await w.event('TA', { type: 'tokens_revoked', tokens: { bot: ['UBOTTA'] } })).toBe(200);
    expect(await w.event('TA', { type: 'app_uninstalled' })).toBe(200);
    expect(await w.event('TA', { type: 'tokens_revoked', tokens: { bot: ['UBOTTA'] } })).toBe(200);
    expect(await w.event('TA', { type: 'app_uninstalled' })).toBe(200);

    expect(w.installations.isRevoked('team:TA')).toBe(true);
    expect(w.installations.isRevoked('team:TB')).toBe(false);
    const services = w.env.services;
    expect(await services.subscriptions.byId(1)).toMatchObject({ paused: true, pausedReason: APP_REMOVED_REASON });
    expect((await services.subscriptions.byId(2))?.paused).toBe(false);
    expect((await services.readingGroups.store.group('slack', 'TA', 1))?.status).toBe('paused');

    const callsWithA = (): number => w.slack.calls.filter((c) => c.token === 'xoxb-TA-token-secret').length;
    const before = callsWithA();
    w.env.clock.set('2024-03-11T09:00:00Z');
    await w.env.sweeper.sweep();
    expect(callsWithA()).toBe(before);
    expect(
      posts(w)
        .filter((p) => p.includes('2024-W11'))
        .sort(),
    ).toEqual([
      'CTB1 digest:2:2024-W11 xoxb-TB-token-secret',
      'CTB1 digest:2:2024-W11:thread xoxb-TB-token-secret',
      'CTC1 digest:3:2024-W11 xoxb-TC-token-secret',
      'CTC1 digest:3:2024-W11:thread xoxb-TC-token-secret',
    ]);

    // Reinstalled on Tuesday the 19th: the weeks missed are not posted; the next Monday is.
    w.env.clock.set('2024-03-19T10:00:00Z');
    const again = await w.install(grant('TA', 'xoxb-TA-second-token'));
    expect(again.body).toContain('Welcome back: 1 weekly-question subscription(s) and 1 reading group(s)');
    expect(await services.subscriptions.byId(1)).toMatchObject({
      paused: false,
      nextDueAt: new Date('2024-03-25T09:00:00Z'),
    });
    expect((await services.readingGroups.store.group('slack', 'TA', 1))?.status).toBe('active');
    await w.env.sweeper.sweep();
    expect(posts(w).filter((p) => p.startsWith('CTA1 digest:1:') && !p.includes(':thread'))).toEqual([
      'CTA1 digest:1:2024-W10 xoxb-TA-token-secret',
    ]);
    w.env.clock.set('2024-03-25T09:00:00Z');
    await w.env.sweeper.sweep();
    expect(posts(w).filter((p) => p.startsWith('CTA1 digest:1:') && !p.includes(':thread'))).toEqual([
      'CTA1 digest:1:2024-W10 xoxb-TA-token-secret',
      'CTA1 digest:1:2024-W13 xoxb-TA-second-token',
    ]);
    expect(callsWithA()).toBe(before);
  });

  it('ignores a revoked user token alone: the bot stays installed', async () => {
    world = await threeWorkspaces();
    expect(await world.event('TB', { type: 'tokens_revoked', tokens: { oauth: ['UADMINTB'] } })).toBe(200);
    expect(world.installations.isRevoked('team:TB')).toBe(false);
    expect((await world.env.services.subscriptions.byId(2))?.paused).toBe(false);
  });
});
