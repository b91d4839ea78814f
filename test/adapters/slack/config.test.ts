import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { configProblems as problems } from '../../helpers/config.js';

describe('Slack configuration', () => {
  it('names the missing connection secret when only the bot token is set', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'Slack needs SLACK_APP_TOKEN (xapp-…, for Socket Mode) or SLACK_SIGNING_SECRET (for HTTP mode).',
    ]);
  });

  it('names the missing bot token', () => {
    expect(problems({ SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…).',
    ]);
  });

  it('rejects an API URL without its trailing slash and a bad port, together', () => {
    expect(
      problems({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: 'http://127.0.0.1:4000/api',
        PORT: '70000',
      }),
    ).toEqual([
      'SLACK_API_URL must end with a slash, e.g. http://127.0.0.1:4000/api/.',
      'PORT=70000 is not a number from 1 to 65535.',
    ]);
  });

  it('accepts HTTP mode with the default port 3000 and Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's',
      port: 3000,
      adminUserIds: [],
    });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_ADMIN_USER_IDS: 'U1, U2' }).slack,
    ).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      port: 3000,
      adminUserIds: ['U1', 'U2'],
    });
  });
});
