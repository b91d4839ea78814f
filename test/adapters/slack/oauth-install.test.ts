import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { grant, startOAuthWorld, type OAuthWorld } from './oauth-harness.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('Slack OAuth mode: installing', () => {
  it('serves the Add to Slack page with the app client id and the bot scopes', async () => {
    world = await startOAuthWorld();
    const { page, state, cookie } = await world.begin();
    expect(page).toContain('https://slack.com/oauth/v2/authorize');
    expect(page).toContain('client_id=111.222');
    expect(page).toContain('chat%3Awrite');
    expect(state).not.toBe('');
    expect(cookie).toMatch(/^slack-app-oauth-state=/u);
  });

  it('installs with a valid state: says what to do next, and stores the row sealed', async () => {
    world = await startOAuthWorld();
    const answer = await world.install(grant('TA', 'xoxb-TA-plaintext-token-4471'));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('agendabot was added to Lab TA.');
    expect(answer.body).toContain('<code>/agenda help</code>');
    const stored = world.installations.find('team:TA');
    expect(stored?.installerUserId).toBe('UADMINTA');
    expect(stored?.botUserId).toBe('UBOTTA');
    expect(world.slack.callsTo('oauth.v2.access')).toHaveLength(1);
    world.env.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(world.dbPath);
    expect(file.includes(Buffer.from('xoxb-TA-plaintext-token-4471'))).toBe(false);
    expect(file.includes(Buffer.from('plaintext-token'))).toBe(false);
    expect(file.includes(Buffer.from('UADMINTA'))).toBe(true);
  });

  it('refuses an invalid state and a replayed one, with a page saying to start again', async () => {
    world = await startOAuthWorld();
    world.slack.grants.set('code-1', grant('TA'));
    const { state, cookie } = await world.begin();
    const forged = await world.redirect(
      'code-1',
      `${state.slice(0, -4)}AAAA`,
      cookie.replace(state, `${state.slice(0, -4)}AAAA`),
    );
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('agendabot was not installed');
    expect(forged.body).toContain('href="/slack/install"');
    expect(world.installations.find('team:TA')).toBeUndefined();

    expect((await world.redirect('code-1', state, cookie)).status).toBe(200);
    world.slack.grants.set('code-2', grant('TB'));
    const replayed = await world.redirect('code-2', state, cookie);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain('agendabot was not installed');
    expect(world.installations.find('team:TB')).toBeUndefined();
    expect(world.slack.callsTo('oauth.v2.access')).toHaveLength(1);
  });

  it('refuses a request from a workspace that never installed: a clear log line and an empty acknowledgment', async () => {
    world = await startOAuthWorld();
    await world.install(grant('TA'));
    const before = world.slack.calls.length;
    const answer = await world.command('TZ', 'UZ1', 'help');
    expect(answer.status).toBe(200);
    expect(answer.reply).toBeUndefined();
    expect(world.slack.calls.length).toBe(before);
    expect(world.slack.responses).toHaveLength(0);
    const refused = world.env.logger.records.filter(
      (r) => r.message === 'refused a request from a Slack workspace that has not installed the app',
    );
    expect(refused.map((r) => r.fields)).toEqual([{ installation: 'team:TZ' }]);
  });

  it('answers an installed workspace with its own token', async () => {
    world = await startOAuthWorld();
    await world.install(grant('TA'));
    const answer = await world.command('TA', 'UA1', 'help');
    expect(answer.reply).toContain('/agenda');
  });
});
