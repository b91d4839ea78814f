import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configProblems as problemsOf } from '../helpers/config.js';

const KEY = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c';
const slackHttp = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
const discord = { DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '100000000000000001' };

describe('AGENDABOT_ROLE and SHUTDOWN_GRACE_SECONDS', () => {
  it('is all, with 25 s of grace, when unset: one process does everything, as before', () => {
    expect(loadConfig({}).run).toEqual({ role: 'all', shutdownGraceMs: 25_000, port: 3000 });
  });

  it('reads web and worker in any case, with PORT, HOST and the grace in seconds', () => {
    const web = loadConfig({ ...slackHttp, AGENDABOT_ROLE: 'Web', PORT: '8081', HOST: '127.0.0.1' }).run;
    expect(web).toEqual({ role: 'web', shutdownGraceMs: 25_000, port: 8081, host: '127.0.0.1' });
    const worker = loadConfig({ ...discord, AGENDABOT_ROLE: 'worker', SHUTDOWN_GRACE_SECONDS: '3' }).run;
    expect(worker).toEqual({ role: 'worker', shutdownGraceMs: 3000, port: 3000 });
  });

  it('names a bad PORT once, whichever servers read it', () => {
    const expected = ['PORT=70000 is not a number from 1 to 65535.'];
    expect(problemsOf({ ...discord, AGENDABOT_ROLE: 'worker', PORT: '70000' })).toEqual(expected);
    expect(problemsOf({ ...slackHttp, ...discord, DISCORD_PUBLIC_KEY: KEY, PORT: '70000' })).toEqual(expected);
  });

  it('names a role that does not exist', () => {
    expect(problemsOf({ AGENDABOT_ROLE: 'scheduler' })).toEqual([
      'AGENDABOT_ROLE=scheduler is not one of all, web, worker.',
    ]);
  });

  it('names a grace that is not a number of seconds', () => {
    expect(problemsOf({ SHUTDOWN_GRACE_SECONDS: 'soon' })).toEqual([
      'SHUTDOWN_GRACE_SECONDS=soon is not a number from 0 to 3600.',
    ]);
  });

  it('refuses a web process with nothing to answer, naming the settings that would give it something', () => {
    expect(problemsOf({ ...discord, AGENDABOT_ROLE: 'web' })).toEqual([
      'AGENDABOT_ROLE=web has nothing to answer: set SLACK_SIGNING_SECRET (Slack over HTTP) or DISCORD_PUBLIC_KEY (Discord over HTTP interactions).',
    ]);
    expect(problemsOf({ ...discord, DISCORD_PUBLIC_KEY: KEY, AGENDABOT_ROLE: 'web' })).toEqual([]);
    expect(problemsOf({ ...slackHttp, AGENDABOT_ROLE: 'web' })).toEqual([]);
  });

  it('refuses Slack Socket Mode in a web process, which answers over HTTP', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', AGENDABOT_ROLE: 'web' })).toEqual([
      'AGENDABOT_ROLE=web answers Slack over HTTP, not Socket Mode: unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET (or run Socket Mode with AGENDABOT_ROLE=all).',
    ]);
  });

  it('refuses a worker with nowhere to deliver', () => {
    expect(problemsOf({ AGENDABOT_ROLE: 'worker' })).toEqual([
      'AGENDABOT_ROLE=worker has nowhere to deliver: set SLACK_BOT_TOKEN (or SLACK_CLIENT_ID for many workspaces) or DISCORD_TOKEN.',
    ]);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', AGENDABOT_ROLE: 'worker' })).toEqual([]);
  });
});
