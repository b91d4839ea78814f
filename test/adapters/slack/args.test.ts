import { describe, expect, it } from 'vitest';
import { commandTokens } from '../../../adapters/slack/args.js';

describe("Slack's markup for people and channels becomes references", () => {
  it('turns <@U…|name> and <#C…|name> into references, keeping the words around them', () => {
    expect(commandTokens('organisers add <@U0CAROL|carol> 1')).toEqual([
      'organisers',
      'add',
      { user: 'U0CAROL', text: '<@U0CAROL|carol>' },
      '1',
    ]);
    expect(commandTokens('subscribe <#C0GENERAL|general> weekly')).toEqual([
      'subscribe',
      { channel: 'C0GENERAL', text: '<#C0GENERAL|general>' },
      'weekly',
    ]);
    expect(commandTokens('<@W0ADA>')).toEqual([{ user: 'W0ADA', text: '<@W0ADA>' }]);
  });

  it('splits key=<@U…> into the key and the reference, and leaves quoted words and plain @names as text', () => {
    expect(commandTokens('host=<@U42>')).toEqual(['host=', { user: 'U42', text: '<@U42>' }]);
    expect(commandTokens('name:"Talk with <@U42>" @ana #general')).toEqual([
      'name:Talk with <@U42>',
      '@ana',
      '#general',
    ]);
  });

  it('leaves words with a < that is not markup whole, and splits the ones that are', () => {
    expect(commandTokens('search a<b <c> x<@U42>y')).toEqual([
      'search',
      'a<b',
      '<c>',
      'x',
      { user: 'U42', text: '<@U42>' },
      'y',
    ]);
    expect(commandTokens('  help  ')).toEqual(['help']);
  });
});
