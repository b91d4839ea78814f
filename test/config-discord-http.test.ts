import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configProblems as problemsOf } from './helpers/config.js';

const discord = { DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '100000000000000001' };
const KEY = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c';

describe('DISCORD_PUBLIC_KEY (Discord over HTTP interactions)', () => {
  it('is off when unset: interactions come over the gateway', () => {
    expect(loadConfig(discord).discord?.http).toBeUndefined();
  });

  it('turns the endpoint on, on PORT and HOST, keeping the key in lower case', () => {
    const config = loadConfig({ ...discord, DISCORD_PUBLIC_KEY: KEY.toUpperCase(), PORT: '8080', HOST: '127.0.0.1' });
    expect(config.discord?.http).toEqual({ publicKey: KEY, port: 8080, host: '127.0.0.1' });
  });

  it('listens on 3000 when PORT is unset', () => {
    expect(loadConfig({ ...discord, DISCORD_PUBLIC_KEY: KEY }).discord?.http).toEqual({ publicKey: KEY, port: 3000 });
  });

  it('names a key that is not 64 hex digits, without repeating it', () => {
    const problems = problemsOf({ ...discord, DISCORD_PUBLIC_KEY: 'not-a-key' });
    expect(problems).toEqual([
      'DISCORD_PUBLIC_KEY must be the 64 hex digits shown as Public Key in the Developer Portal.',
    ]);
  });
});
