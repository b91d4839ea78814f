import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configProblems } from './helpers/config.js';

const platforms = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'shh',
  DISCORD_TOKEN: 'abc',
  DISCORD_APPLICATION_ID: '123456789012345678',
};

describe('INLINE_REFERENCES', () => {
  it('is off unless set to on, for both platforms', () => {
    const off = loadConfig(platforms);
    expect(off.slack?.inlineReferences).toBeUndefined();
    expect(off.discord?.inlineReferences).toBeUndefined();
    expect(loadConfig({ ...platforms, INLINE_REFERENCES: 'off' }).slack?.inlineReferences).toBeUndefined();
    const on = loadConfig({ ...platforms, INLINE_REFERENCES: 'on' });
    expect(on.slack?.inlineReferences).toBe(true);
    expect(on.discord?.inlineReferences).toBe(true);
  });

  it('refuses anything but on or off, even with no platform configured', () => {
    expect(configProblems({ INLINE_REFERENCES: 'yes' })).toEqual(['INLINE_REFERENCES=yes is not on or off.']);
  });
});
