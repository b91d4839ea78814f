import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { configProblems as problems } from '../../helpers/config.js';

// 32 bytes of base64 (0x01 repeated), written by hand.
const KEY = 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=';
const OAUTH = {
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'client-secret-x',
  SLACK_STATE_SECRET: 'state-secret-y',
  SLACK_SIGNING_SECRET: 'signing-z',
  AGENDABOT_SECRET_KEY: KEY,
};

describe('Slack OAuth configuration', () => {
  it('reads OAuth mode without a bot token', () => {
    const slack = loadConfig(OAUTH).slack;
    expect(slack?.botToken).toBe('');
    expect(slack?.oauth?.clientId).toBe('111.222');
    expect(slack?.oauth?.clientSecret).toBe('client-secret-x');
    expect(slack?.oauth?.stateSecret).toBe('state-secret-y');
    expect(slack?.signingSecret).toBe('signing-z');
  });

  it('refuses both a bot token and a client id, naming what to remove', () => {
    expect(problems({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'Both SLACK_BOT_TOKEN and SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are set, but they are two ' +
        'different ways to run: remove SLACK_BOT_TOKEN to offer the bot to many workspaces (OAuth), or remove ' +
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET to serve one workspace with its bot token.',
    ]);
  });

  it('names the missing OAuth settings, the signing secret and the key', () => {
    expect(problems({ SLACK_CLIENT_ID: '111.222' })).toEqual([
      'OAuth mode (offering the bot to many workspaces) also needs SLACK_CLIENT_SECRET, SLACK_STATE_SECRET.',
      'OAuth mode runs over HTTP and needs SLACK_SIGNING_SECRET.',
      'AGENDABOT_SECRET_KEY is missing: OAuth mode keeps Slack tokens encrypted with it (32 random bytes, base64; ' +
        'make one with: openssl rand -base64 32).',
    ]);
  });

  it('refuses a key that is not 32 bytes, and Socket Mode, without echoing the key', () => {
    const found = problems({ ...OAUTH, AGENDABOT_SECRET_KEY: 'c2hvcnQ=', SLACK_APP_TOKEN: 'xapp-1' });
    expect(found).toEqual([
      'OAuth mode runs over HTTP: remove SLACK_APP_TOKEN (Socket Mode serves one workspace with SLACK_BOT_TOKEN).',
      'AGENDABOT_SECRET_KEY is not 32 bytes of base64 (make one with: openssl rand -base64 32).',
    ]);
    expect(found.join(' ')).not.toContain('c2hvcnQ=');
  });

  it('never prints the key: JSON, inspection and string forms show only its id', () => {
    const config = loadConfig(OAUTH);
    const shown = [JSON.stringify(config), inspect(config, { depth: 10 }), String(config.slack?.oauth?.secretKey)].join(
      '\n',
    );
    expect(shown).not.toContain(KEY);
    expect(shown).not.toContain(KEY.slice(0, 20));
    expect(shown).toContain('[secret key ');
  });

  it('keeps single-token mode as before', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's',
      port: 3000,
      adminUserIds: [],
    });
  });
});
